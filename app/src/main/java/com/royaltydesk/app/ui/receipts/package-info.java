/** The receipts browser: live verification of each receipt and offline checking of bundle files. */
package com.royaltydesk.app.ui.receipts;
