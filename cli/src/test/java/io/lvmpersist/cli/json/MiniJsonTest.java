package io.lvmpersist.cli.json;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The test-only JSON parser and schema subset must themselves catch what they are for. */
class MiniJsonTest {
    @Test
    void parsesAndPrintsBack() {
        Object v = MiniJson.parse("{\"a\":[1,true,null,\"x\\\"y\"],\"b\":{}}");
        assertEquals(Map.of("a", java.util.Arrays.asList(1L, true, null, "x\"y"), "b", Map.of()), v);
        assertEquals("{\n  \"a\": [\n    1,\n    true,\n    null,\n    \"x\\\"y\"\n  ],\n  \"b\": {}\n}\n",
                MiniJson.pretty(v));
    }

    @Test
    void rejectsBrokenDocuments() {
        assertThrows(IllegalArgumentException.class, () -> MiniJson.parse("{\"a\":1,\"a\":2}"));
        assertThrows(IllegalArgumentException.class, () -> MiniJson.parse("{\"a\":1} x"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void schemaCheckFindsUndocumentedMissingAndMistypedFields() {
        Map<String, Object> schema = (Map<String, Object>) MiniJson.parse("""
                {"type":"object","required":["a"],"additionalProperties":false,
                 "properties":{"a":{"type":"integer"},"k":{"$ref":"#/$defs/key"}},
                 "$defs":{"key":{"type":"string","pattern":"^0x[0-9a-f]+$"}}}""");
        SchemaCheck check = new SchemaCheck(schema);
        assertEquals(List.of(), check.check(MiniJson.parse("{\"a\":1,\"k\":\"0xa\"}")));
        List<String> problems = check.check(MiniJson.parse("{\"k\":\"10\",\"z\":1}"));
        assertEquals(3, problems.size(), problems::toString);
        assertTrue(problems.contains("$: required field a is missing"), problems::toString);
        assertTrue(problems.contains("$.z: field is not documented in the schema"), problems::toString);
        assertEquals(List.of("$.a: \"1\" is not of type integer"), check.check(MiniJson.parse("{\"a\":\"1\"}")));
    }
}
