package io.payflow.jdbc.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Conversions between Java values and columns: instants as UTC {@code TIMESTAMP(6)} (finer than a
 * microsecond is dropped, never rounded up), small string maps as JSON text.
 *
 * <p>This class is threadsafe.
 */
final class Codec {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TypeReference<Map<String, String>> STRING_MAP = new TypeReference<>() {};

  private Codec() {}

  static LocalDateTime toColumn(Instant instant) {
    return LocalDateTime.ofEpochSecond(
        instant.getEpochSecond(), instant.getNano() / 1_000 * 1_000, ZoneOffset.UTC);
  }

  /** The instant as the database will hold it: to the microsecond. */
  static Instant micros(Instant instant) {
    return toColumn(instant).toInstant(ZoneOffset.UTC);
  }

  static void setInstant(PreparedStatement ps, int index, @Nullable Instant instant)
      throws SQLException {
    if (instant == null) {
      ps.setNull(index, Types.TIMESTAMP);
    } else {
      ps.setObject(index, toColumn(instant));
    }
  }

  static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
    LocalDateTime value = rs.getObject(column, LocalDateTime.class);
    return value == null ? null : value.toInstant(ZoneOffset.UTC);
  }

  static void setString(PreparedStatement ps, int index, @Nullable String value)
      throws SQLException {
    if (value == null) {
      ps.setNull(index, Types.VARCHAR);
    } else {
      ps.setString(index, value);
    }
  }

  static String json(Map<String, String> map) {
    try {
      return JSON.writeValueAsString(new TreeMap<>(map));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a map of strings is always JSON", e);
    }
  }

  /** The map in {@code text}, or null if it is not a JSON object of strings. */
  static @Nullable Map<String, String> map(@Nullable String text) {
    if (text == null) {
      return null;
    }
    try {
      Map<String, String> map = JSON.readValue(text, STRING_MAP);
      if (map == null || map.containsKey(null) || map.containsValue(null)) {
        return null;
      }
      return map;
    } catch (JsonProcessingException e) {
      return null;
    }
  }
}
