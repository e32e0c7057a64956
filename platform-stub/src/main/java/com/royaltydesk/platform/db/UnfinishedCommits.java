package com.royaltydesk.platform.db;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.sql.Connection;
import java.sql.SQLException;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.tx.Transaction;
import org.h2.mvstore.tx.TransactionStore;

/**
 * Finishes the commits a crash interrupted, which H2 2.5.252 leaves unfinished when it reopens
 * its file (decision 0017). A {@code kill -9} between H2 marking a transaction's undo log committed
 * and applying it leaves that transaction in status COMMITTED on disk; on reopening, H2 keeps it
 * open forever: its changes stay invisible (a receipt log head one entry past its receipts) and
 * every writer touching one of its rows waits for it — until the lock timeout, or spinning in
 * {@code TransactionMap.lock} past it. This applies such a transaction's undo log and closes it,
 * as H2 does for a commit that was not interrupted, before anything else uses the database.
 *
 * <p>It reaches into H2's package-private {@code TransactionStore.commit} and {@code endTransaction}:
 * {@code UnfinishedCommitsTest} opens a file with such a transaction, so an H2 upgrade that moves
 * them fails the build rather than a user's start.
 */
final class UnfinishedCommits {

    private UnfinishedCommits() {}

    /** Finishes every transaction H2 brought back in status COMMITTED; returns how many. Call before any other use. */
    static int finish(Connection connection) throws SQLException {
        SessionLocal session =
                (SessionLocal) connection.unwrap(JdbcConnection.class).getSession();
        TransactionStore store = session.getDatabase().getStore().getTransactionStore();
        int finished = 0;
        for (Transaction transaction : store.getOpenTransactions()) {
            if (transaction.getStatus() == Transaction.STATUS_COMMITTED) {
                invoke(store, "commit", transaction);
                invoke(store, "endTransaction", transaction);
                finished++;
            }
        }
        return finished;
    }

    private static void invoke(TransactionStore store, String name, Transaction transaction) {
        try {
            Method method = TransactionStore.class.getDeclaredMethod(name, Transaction.class, boolean.class);
            method.setAccessible(true);
            // commit(t, recovery = true); endTransaction(t, hasChanges = true)
            method.invoke(store, transaction, true);
        } catch (NoSuchMethodException | IllegalAccessException e) {
            throw new IllegalStateException("this H2 has no TransactionStore." + name + "(Transaction, boolean)", e);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException(
                    "H2 could not finish the interrupted commit of transaction " + transaction.getId(), e.getCause());
        }
    }
}
