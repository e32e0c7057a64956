/**
 * Content on this machine: what a chosen file or folder holds, and its hashes, computed locally and
 * streamed so files of several GB use a fixed amount of memory. Toolkit-free.
 */
package com.royaltydesk.app.content;
