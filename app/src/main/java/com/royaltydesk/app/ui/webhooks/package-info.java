/** The Webhooks page: endpoints, their delivery log with attempts, redeliver. */
package com.royaltydesk.app.ui.webhooks;
