package io.jobrun.dsl.groovy;

import java.util.Collection;

/**
 * Groovy's {@code join} of a list or set and {@code +} of a string and a value, as Groovy writes them, for task code:
 * added by Groovy's extension mechanism (registered in {@code META-INF/groovy/org.codehaus.groovy.runtime.ExtensionModule}),
 * more specific than Groovy's own, and writing plain values without Groovy's formatter, as {@link PlainGString} does
 * (see there why).
 */
public final class TextExtensions {
    private TextExtensions() {
    }

    /** {@code [1, 'a'].join(', ')}: each item as Groovy's {@code toString} writes it, between separators. */
    public static String join(Collection<?> self, String separator) {
        StringBuilder text = new StringBuilder();
        boolean first = true;
        for (Object item : self) {
            if (!first && separator != null) {
                text.append(separator);
            }
            first = false;
            text.append(PlainGString.text(item));
        }
        return text.toString();
    }

    /** {@code "${a} and " + n}: the string's text and the value's, as Groovy's {@code +} writes them. */
    public static String plus(PlainGString self, Object value) {
        return self.toString() + PlainGString.text(value);
    }

    /** {@code 'total: ' + n}: the value as Groovy's {@code toString} writes it. */
    public static String plus(String self, Object value) {
        return self + PlainGString.text(value);
    }
}
