package io.lvmpersist.cli.output;

/** A minimal JSON writer: enough for our flat documents, with correct string escaping. */
public final class Json {
    private final StringBuilder out = new StringBuilder();
    private boolean needComma;
    private int depth;

    public Json beginObject() {
        value();
        out.append('{');
        depth++;
        needComma = false;
        return this;
    }

    public Json endObject() {
        depth--;
        out.append('}');
        needComma = true;
        return this;
    }

    public Json beginArray() {
        value();
        out.append('[');
        depth++;
        needComma = false;
        return this;
    }

    public Json endArray() {
        depth--;
        out.append(']');
        needComma = true;
        return this;
    }

    public Json name(String name) {
        value();
        string(name);
        out.append(':');
        needComma = false;
        return this;
    }

    public Json value(String text) {
        value();
        if (text == null) {
            out.append("null");
        } else {
            string(text);
        }
        needComma = true;
        return this;
    }

    public Json value(long number) {
        value();
        out.append(number);
        needComma = true;
        return this;
    }

    public Json value(boolean flag) {
        value();
        out.append(flag);
        needComma = true;
        return this;
    }

    public Json nullValue() {
        value();
        out.append("null");
        needComma = true;
        return this;
    }

    private void value() {
        if (needComma) {
            out.append(',');
        }
    }

    private void string(String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (Printable.isControl(c)) { // DEL and C1 too: a terminal would act on a raw CSI (0x9b)
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    @Override
    public String toString() {
        if (depth != 0) {
            throw new IllegalStateException("unbalanced JSON document");
        }
        return out.toString();
    }
}
