package io.jobrun.dsl.groovy;

import io.jobrun.job.Positions;
import io.jobrun.job.SourcePosition;
import java.util.List;

/**
 * Where a DSL call is written and where each of its arguments is, as the compile step recorded them: positional
 * arguments by index ("0"), named ones by name ("timeout"), entries of maps and lists under them ("env.CC").
 */
record CallSite(SourcePosition position, Positions parts) {
    /** A call whose arguments have no recorded places. */
    static CallSite at(SourcePosition position) {
        return new CallSite(position, Positions.of(position));
    }

    /** Reads the {@code [path, line, column, exact]} lists the compile step writes. */
    static CallSite of(String file, int line, int column, List<?> parts) {
        SourcePosition position = new SourcePosition(file, line, column);
        Positions.Builder builder = new Positions.Builder(position);
        for (Object part : parts) {
            List<?> fields = (List<?>) part;
            SourcePosition at = new SourcePosition(file, (Integer) fields.get(1), (Integer) fields.get(2));
            if ((Boolean) fields.get(3)) {
                builder.text((String) fields.get(0), at);
            } else {
                builder.part((String) fields.get(0), at);
            }
        }
        return new CallSite(position, builder.build());
    }

    /** A rename of each path's first segment by {@code head}, the rest kept: "env.CC" with env -> body.env. */
    static java.util.function.UnaryOperator<String> byHead(java.util.function.UnaryOperator<String> head) {
        return path -> {
            int dot = path.indexOf('.');
            String renamed = head.apply(dot < 0 ? path : path.substring(0, dot));
            return renamed == null ? null : dot < 0 ? renamed : renamed + path.substring(dot);
        };
    }

    /**
     * The parts renamed for the model: {@code rename} maps a call's path ("0", "retries", "backoff.factor") to the
     * model's ("command", "retry.count", "retry.factor"), or to null to leave the part out.
     */
    Positions renamed(java.util.function.UnaryOperator<String> rename) {
        Positions.Builder builder = new Positions.Builder(position);
        parts.parts().forEach((path, at) -> {
            String renamed = rename.apply(path);
            if (renamed != null) {
                if (parts.exactText().contains(path)) {
                    builder.text(renamed, at);
                } else {
                    builder.part(renamed, at);
                }
            }
        });
        return builder.build();
    }
}
