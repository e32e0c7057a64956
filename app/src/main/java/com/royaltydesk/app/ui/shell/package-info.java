/** The main window's frame: sidebar navigation between sections, the page area and the status bar. */
package com.royaltydesk.app.ui.shell;
