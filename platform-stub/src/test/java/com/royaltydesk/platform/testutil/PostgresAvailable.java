package com.royaltydesk.platform.testutil;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * In the PostgreSQL test run, skips every test (reported as skipped, with the reason) when no
 * PostgreSQL server answers, instead of letting each one fail half-started; with
 * {@code RDK_REQUIRE_POSTGRES=1} (CI) the tests run and fail loudly instead. Registered for all
 * tests through {@code META-INF/services} and {@code junit-platform.properties}.
 */
public final class PostgresAvailable implements ExecutionCondition {

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        if (!TestDatabase.onPostgres() || TestDatabase.postgresRequired()) {
            return ConditionEvaluationResult.enabled("runs on " + (TestDatabase.onPostgres() ? "PostgreSQL" : "H2"));
        }
        String problem = TestDatabase.unreachableReason();
        return problem == null
                ? ConditionEvaluationResult.enabled("PostgreSQL answers")
                : ConditionEvaluationResult.disabled(problem);
    }
}
