/** Sandbox mode: first-start bootstrap of test keys, and (later) the public demo endpoints. */
package com.royaltydesk.platform.sandbox;
