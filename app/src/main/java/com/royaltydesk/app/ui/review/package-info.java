/** The reviewer's desk: the Review window, which opens bundles with no account and no platform (issue #18). */
package com.royaltydesk.app.ui.review;
