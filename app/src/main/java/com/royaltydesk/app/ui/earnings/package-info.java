/** Earnings: a chart by day per asset or model, the billing preview, balances and payouts. */
package com.royaltydesk.app.ui.earnings;
