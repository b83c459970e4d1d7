package io.lvmpersist.cli.json;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks a parsed JSON value against the subset of JSON Schema our schema file uses: type, enum,
 * pattern, properties, required, additionalProperties: false, items, anyOf and local $ref. Records
 * every object field it sees, so a test can tell whether each documented field is ever produced.
 */
final class SchemaCheck {
    private final Map<String, Object> root;
    private final Set<String> seenFields = new HashSet<>();

    SchemaCheck(Map<String, Object> root) {
        this.root = root;
    }

    /** The problems found, as "path: problem"; empty when the value fits the schema. */
    List<String> check(Object value) {
        List<String> problems = new ArrayList<>();
        check(value, root, "$", problems);
        return problems;
    }

    /** Fields seen so far, as "path.field" with array indexes removed ("$.devices[].keys"). */
    Set<String> seenFields() {
        return Set.copyOf(seenFields);
    }

    @SuppressWarnings("unchecked")
    private void check(Object value, Map<String, Object> schema, String path, List<String> problems) {
        if (schema.containsKey("$ref")) {
            String ref = (String) schema.get("$ref");
            if (!ref.startsWith("#/$defs/")) {
                throw new IllegalArgumentException("unsupported $ref " + ref);
            }
            Map<String, Object> defs = (Map<String, Object>) root.get("$defs");
            check(value, (Map<String, Object>) defs.get(ref.substring("#/$defs/".length())), path, problems);
        }
        if (schema.containsKey("anyOf")) {
            boolean any = false;
            for (Object alternative : (List<Object>) schema.get("anyOf")) {
                any |= new SchemaCheck(root).checkQuietly(value, (Map<String, Object>) alternative, path);
            }
            if (!any) {
                problems.add(path + ": matches none of anyOf");
            }
        }
        if (schema.containsKey("type") && !typeMatches(value, schema.get("type"))) {
            problems.add(path + ": " + describe(value) + " is not of type " + schema.get("type"));
            return;
        }
        if (schema.containsKey("enum") && !((List<Object>) schema.get("enum")).contains(value)) {
            problems.add(path + ": " + describe(value) + " is not one of " + schema.get("enum"));
        }
        if (schema.containsKey("pattern") && value instanceof String s && !s.matches((String) schema.get("pattern"))) {
            problems.add(path + ": " + s + " does not match " + schema.get("pattern"));
        }
        if (value instanceof Map<?, ?> object) {
            Map<String, Object> properties = (Map<String, Object>) schema.getOrDefault("properties", Map.of());
            for (Object required : (List<Object>) schema.getOrDefault("required", List.of())) {
                if (!object.containsKey(required)) {
                    problems.add(path + ": required field " + required + " is missing");
                }
            }
            for (Map.Entry<String, Object> field : ((Map<String, Object>) object).entrySet()) {
                String fieldPath = path + "." + field.getKey();
                seenFields.add(fieldPath.replaceAll("\\[\\d+]", "[]"));
                Object fieldSchema = properties.get(field.getKey());
                if (fieldSchema == null) {
                    if (Boolean.FALSE.equals(schema.get("additionalProperties"))) {
                        problems.add(fieldPath + ": field is not documented in the schema");
                    }
                } else {
                    check(field.getValue(), (Map<String, Object>) fieldSchema, fieldPath, problems);
                }
            }
        }
        if (value instanceof List<?> list && schema.containsKey("items")) {
            for (int i = 0; i < list.size(); i++) {
                check(list.get(i), (Map<String, Object>) schema.get("items"), path + "[" + i + "]", problems);
            }
        }
    }

    private boolean checkQuietly(Object value, Map<String, Object> schema, String path) {
        List<String> problems = new ArrayList<>();
        check(value, schema, path, problems);
        return problems.isEmpty();
    }

    private static boolean typeMatches(Object value, Object type) {
        if (type instanceof List<?> types) {
            return types.stream().anyMatch(t -> typeMatches(value, t));
        }
        return switch ((String) type) {
            case "object" -> value instanceof Map;
            case "array" -> value instanceof List;
            case "string" -> value instanceof String;
            case "boolean" -> value instanceof Boolean;
            case "integer" -> value instanceof Long;
            case "number" -> value instanceof Long || value instanceof Double;
            case "null" -> value == null;
            default -> throw new IllegalArgumentException("unknown type " + type);
        };
    }

    private static String describe(Object value) {
        return value instanceof String s ? "\"" + s + "\"" : String.valueOf(value);
    }
}
