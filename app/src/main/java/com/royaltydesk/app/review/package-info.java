/**
 * The reviewer's desk without a window (issue #18): a bundle checked against the trust roots this
 * computer holds, in plain words; a file compared with the content hash the receipt proves; and the
 * report for a case file — PDF and JSON — with the commands that repeat each check with standard
 * tools. No JavaFX here.
 */
package com.royaltydesk.app.review;
