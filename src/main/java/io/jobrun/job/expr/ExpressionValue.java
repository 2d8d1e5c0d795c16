package io.jobrun.job.expr;

import java.util.Map;

/**
 * A value that expressions may look into by property, such as an HTTP task's result ({@code status}, {@code size}).
 * Only what {@link #properties()} lists is visible: an expression never calls Java methods of its own choosing.
 */
public interface ExpressionValue {
    /** The properties by name, in the order error messages list them. */
    Map<String, Object> properties();
}
