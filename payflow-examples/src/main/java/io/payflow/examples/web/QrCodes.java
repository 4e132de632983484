package io.payflow.examples.web;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Draws a QR code as SVG, for the {@code code_url} of a WeChat Native payment (扫码支付). ZXing finds
 * the modules; the SVG is one path of unit squares, which any browser scales sharply, so the page
 * needs no image library and the shop no AWT.
 */
final class QrCodes {

  /** The four-module quiet zone the QR standard asks for, so that phone cameras find the code. */
  private static final int QUIET_ZONE = 4;

  private QrCodes() {}

  static String svg(String text) {
    BitMatrix matrix;
    try {
      matrix =
          new QRCodeWriter()
              .encode(
                  text,
                  BarcodeFormat.QR_CODE,
                  0,
                  0,
                  Map.of(
                      EncodeHintType.MARGIN,
                      QUIET_ZONE,
                      EncodeHintType.ERROR_CORRECTION,
                      ErrorCorrectionLevel.M,
                      EncodeHintType.CHARACTER_SET,
                      StandardCharsets.UTF_8.name()));
    } catch (WriterException e) {
      throw new IllegalStateException("cannot draw a QR code of " + text.length() + " chars", e);
    }
    int width = matrix.getWidth();
    int height = matrix.getHeight();
    StringBuilder path = new StringBuilder();
    for (int y = 0; y < height; y++) {
      int x = 0;
      while (x < width) {
        if (!matrix.get(x, y)) {
          x++;
          continue;
        }
        // One rectangle per run of dark modules keeps the SVG a few kilobytes.
        int run = 1;
        while (x + run < width && matrix.get(x + run, y)) {
          run++;
        }
        path.append('M').append(x).append(' ').append(y);
        path.append('h').append(run).append("v1h-").append(run).append('z');
        x += run;
      }
    }
    return "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 "
        + width
        + " "
        + height
        + "\" shape-rendering=\"crispEdges\">"
        + "<rect width=\"100%\" height=\"100%\" fill=\"#fff\"/>"
        + "<path fill=\"#000\" d=\""
        + path
        + "\"/></svg>";
  }
}
