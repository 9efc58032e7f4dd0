package io.systole.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class JsonWriterTest {
  @Test
  void escapesQuotesBackslashesAndControlCharacters() {
    assertEquals("\"a\\\"b\\\\c\"", JsonWriter.quote("a\"b\\c"));
    assertEquals("\"\\n\\r\\t\\b\\f\"", JsonWriter.quote("\n\r\t\b\f"));
    assertEquals(
        "\"\\u0000\\u0001\\u001f \\u007f\"", JsonWriter.quote("\u0000\u0001\u001f \u007f"));
    assertEquals("\"/ plain ~\"", JsonWriter.quote("/ plain ~"));
  }

  @Test
  void escapesEverythingBeyondAsciiSoThatTheOutputIsAscii() {
    assertEquals("\"caf\\u00e9\"", JsonWriter.quote("café"));
    assertEquals("\"\\u2028\\u2029\"", JsonWriter.quote("\u2028\u2029"));
    assertEquals("\"\\ud83d\\udc93\"", JsonWriter.quote("\ud83d\udc93"));
    assertEquals("\"\\ufffd\"", JsonWriter.quote("\ufffd"));
    assertEquals("\"\\udc00x\"", JsonWriter.quote("\udc00x"), "a lone surrogate stays valid JSON");
  }

  @Test
  void anyStringRoundTripsThroughAStrictParser() {
    final long seed = System.nanoTime();
    final Random random = new Random(seed);
    for (int n = 0; n < 2_000; n++) {
      final char[] chars = new char[random.nextInt(20)];
      for (int i = 0; i < chars.length; i++) {
        chars[i] = (char) (random.nextBoolean() ? random.nextInt(0x80) : random.nextInt(0x10000));
      }
      final String s = new String(chars);
      final String quoted = JsonWriter.quote(s);
      assertEquals(s, Json.parse(quoted), "seed " + seed);
      assertTrue(quoted.chars().allMatch(c -> c >= 0x20 && c < 0x7f), "seed " + seed);
    }
  }

  @Test
  void writesNestedDocumentsIndented() {
    final String doc =
        new JsonWriter()
            .beginObject()
            .field("name", "ha1")
            .field("port", 694)
            .field("ok", true)
            .field("none", (String) null)
            .field("list", List.of("a", "b"))
            .name("empty")
            .beginObject()
            .endObject()
            .name("nothing")
            .beginArray()
            .endArray()
            .name("rows")
            .beginArray()
            .beginObject()
            .field("x", -1)
            .endObject()
            .endArray()
            .endObject()
            .toString();
    assertEquals(
        String.join(
            "\n",
            "{",
            "  \"name\": \"ha1\",",
            "  \"port\": 694,",
            "  \"ok\": true,",
            "  \"none\": null,",
            "  \"list\": [",
            "    \"a\",",
            "    \"b\"",
            "  ],",
            "  \"empty\": {},",
            "  \"nothing\": [],",
            "  \"rows\": [",
            "    {",
            "      \"x\": -1",
            "    }",
            "  ]",
            "}"),
        doc);
    final Object parsed = Json.parse(doc);
    assertEquals(694L, Json.at(parsed, "port"));
    assertEquals(Map.of(), Json.at(parsed, "empty"));
    assertEquals(-1L, Json.at(parsed, "rows", 0, "x"));
  }

  @Test
  void namesAreEscapedToo() {
    final String doc = new JsonWriter().beginObject().field("a\"\n", "v").endObject().toString();
    assertEquals("v", Json.at(Json.parse(doc), "a\"\n"));
  }

  @Test
  void refusesCallsThatWouldMakeInvalidJson() {
    assertThrows(IllegalStateException.class, () -> new JsonWriter().beginObject().value("x"));
    assertThrows(IllegalStateException.class, () -> new JsonWriter().beginArray().name("x"));
    assertThrows(IllegalStateException.class, () -> new JsonWriter().beginArray().endObject());
    assertThrows(IllegalStateException.class, () -> new JsonWriter().value(1).value(2));
    assertThrows(IllegalStateException.class, () -> new JsonWriter().beginObject().toString());
    assertThrows(
        IllegalStateException.class, () -> new JsonWriter().beginObject().name("a").name("b"));
    assertThrows(IllegalStateException.class, () -> new JsonWriter().toString());
  }
}
