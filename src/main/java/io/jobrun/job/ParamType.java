package io.jobrun.job;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Locale;
import java.util.Optional;

/**
 * What a parameter holds, as its default says: text, a whole number, a decimal number, or true or false. The text
 * given with {@code -p} becomes a value of that type, so that {@code params flag: false} and {@code -p flag=false}
 * both read as false; as text, "false" is true in a Groovy or JavaScript condition.
 */
public enum ParamType {
    TEXT("text"),
    WHOLE_NUMBER("a whole number"),
    DECIMAL("a number"),
    BOOLEAN("true or false");

    private final String what;

    ParamType(String what) {
        this.what = what;
    }

    /** How a message names the values of this type: "a whole number". */
    public String what() {
        return what;
    }

    /** The type of a parameter whose default is {@code value}; empty for nothing, a list or a map. */
    public static Optional<ParamType> of(Object value) {
        return Optional.ofNullable(switch (value) {
            case CharSequence ignored -> TEXT;
            case Boolean ignored -> BOOLEAN;
            case Integer ignored -> WHOLE_NUMBER;
            case Long ignored -> WHOLE_NUMBER;
            case Short ignored -> WHOLE_NUMBER;
            case Byte ignored -> WHOLE_NUMBER;
            case BigInteger ignored -> WHOLE_NUMBER;
            case Number ignored -> DECIMAL;
            case null, default -> null;
        });
    }

    /**
     * The value {@code text} stands for, of the Java type a default of this type has: whole numbers as Integer, Long
     * or BigInteger by their size (as Groovy reads a literal), decimals as the default's own type.
     *
     * @throws IllegalArgumentException when {@code text} is not a value of this type
     */
    public Object parse(String text, Object defaultValue) {
        String written = text.strip();
        return switch (this) {
            case TEXT -> text;
            case BOOLEAN -> switch (written.toLowerCase(Locale.ROOT)) {
                case "true" -> true;
                case "false" -> false;
                default -> throw new IllegalArgumentException(what);
            };
            case WHOLE_NUMBER -> {
                BigInteger number = new BigInteger(written);
                if (number.bitLength() < 32) {
                    yield number.intValue();
                }
                yield number.bitLength() < 64 ? (Object) number.longValue() : number;
            }
            case DECIMAL -> {
                BigDecimal number = new BigDecimal(written);
                yield defaultValue instanceof Double || defaultValue instanceof Float ? (Object) number.doubleValue()
                        : number;
            }
        };
    }
}
