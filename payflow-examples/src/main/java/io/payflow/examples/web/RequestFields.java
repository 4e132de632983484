package io.payflow.examples.web;

/**
 * Translates the field names payflow's validation uses into the names of the demo's JSON, so that a
 * 400 points at what the client actually sent.
 */
final class RequestFields {

  private RequestFields() {}

  static String toApi(String coreField) {
    if (coreField.startsWith("lines")) {
      return "items" + coreField.substring("lines".length());
    }
    return switch (coreField) {
      case "payerId" -> "openId";
      case "tradeType" -> "channel";
      default -> coreField;
    };
  }
}
