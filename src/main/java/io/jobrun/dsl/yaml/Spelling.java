package io.jobrun.dsl.yaml;

/** YAML spells the model's camelCase names in snake_case: {@code leakGrace} is {@code leak_grace}. */
final class Spelling {
    private Spelling() {
    }

    /** "virtualThreads" -> "virtual_threads". */
    static String snake(String camel) {
        StringBuilder out = new StringBuilder(camel.length() + 4);
        for (int i = 0; i < camel.length(); i++) {
            char c = camel.charAt(i);
            if (Character.isUpperCase(c)) {
                out.append('_').append(Character.toLowerCase(c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
