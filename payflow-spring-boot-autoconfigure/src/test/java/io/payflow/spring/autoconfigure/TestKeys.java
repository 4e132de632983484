package io.payflow.spring.autoconfigure;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * RSA keys made for one test and written as PEM files into its temp dir: no key material is ever
 * committed.
 */
record TestKeys(
    Path privateKeyPath, Path publicKeyPath, String privateKeyPem, String publicKeyPem) {

  static TestKeys generate(Path dir) {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      KeyPair pair = generator.generateKeyPair();
      String privatePem = pem("PRIVATE KEY", pair.getPrivate().getEncoded());
      String publicPem = pem("PUBLIC KEY", pair.getPublic().getEncoded());
      Path privatePath = Files.writeString(dir.resolve("apiclient_key.pem"), privatePem);
      Path publicPath = Files.writeString(dir.resolve("pub_key.pem"), publicPem);
      return new TestKeys(privatePath, publicPath, privatePem, publicPem);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String pem(String type, byte[] der) {
    String body =
        Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
    return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
  }
}
