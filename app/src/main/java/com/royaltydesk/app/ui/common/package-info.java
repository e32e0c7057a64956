/** Controls and helpers shared by every view. */
package com.royaltydesk.app.ui.common;
