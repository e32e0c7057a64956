/**
 * Threading for the app: {@link com.royaltydesk.app.concurrency.AppExecutors} owns the worker pool,
 * and {@link com.royaltydesk.app.concurrency.BackgroundTasks} is the one helper that runs work there
 * and hands results back to the UI thread. Nothing here imports JavaFX.
 */
package com.royaltydesk.app.concurrency;
