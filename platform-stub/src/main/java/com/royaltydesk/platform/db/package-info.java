/**
 * The connection pool and Flyway migrations. Domain stores get a {@code DataSource} from here and
 * use plain JDBC with explicit transactions.
 */
package com.royaltydesk.platform.db;
