package io.payflow.examples.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** The demo shop's REST API as the front end sees it: plain HTTP and JSON. */
final class ShopClient {

  /** One answer: the status and the body (JSON parsed when it is JSON, else as text). */
  record Answer(int status, JsonNode json, String text) {
    boolean ok() {
      return status >= 200 && status < 300;
    }

    String code() {
      return json.path("code").asText("");
    }

    @Override
    public String toString() {
      return status + " " + text;
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  private final String baseUrl;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  ShopClient(String baseUrl) {
    this.baseUrl = baseUrl;
  }

  Answer get(String path) {
    return send(HttpRequest.newBuilder(URI.create(baseUrl + path)).GET());
  }

  Answer post(String path, Object body) {
    try {
      return send(
          HttpRequest.newBuilder(URI.create(baseUrl + path))
              .header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Answer send(HttpRequest.Builder request) {
    try {
      HttpResponse<String> response =
          http.send(
              request.timeout(Duration.ofSeconds(30)).build(),
              HttpResponse.BodyHandlers.ofString());
      String text = response.body();
      JsonNode json;
      try {
        json = text.isBlank() ? JSON.nullNode() : JSON.readTree(text);
      } catch (IOException notJson) {
        json = JSON.nullNode();
      }
      return new Answer(response.statusCode(), json, text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
