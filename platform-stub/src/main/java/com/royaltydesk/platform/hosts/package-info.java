/** Model hosts, the reporters of usage, and their keys. */
package com.royaltydesk.platform.hosts;
