package io.payflow.wechat.internal;

import com.wechat.pay.java.core.http.HostName;
import java.io.IOException;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Sends the SDK's requests to a configured base URL instead of WeChat Pay's fixed host.
 *
 * <p>The SDK's services build absolute URLs on {@link HostName} (api.mch.weixin.qq.com) and have no
 * base-URL setting; this application interceptor swaps scheme, host and port (and prefixes the base
 * URL's path) before the request leaves. The signature in {@code Authorization} covers only the
 * path and query, so it stays valid. Requests to any other host pass untouched. Immutable and
 * threadsafe.
 */
public final class BaseUrlInterceptor implements Interceptor {

  private final HttpUrl base;
  private final String basePath;

  public BaseUrlInterceptor(String baseUrl) {
    this.base = HttpUrl.get(baseUrl);
    String path = base.encodedPath();
    this.basePath = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
  }

  /** Whether requests need rewriting at all: false for WeChat Pay's own host. */
  public boolean rewrites() {
    return !(base.scheme().equals("https")
            && base.host().equals(HostName.API.getValue())
            && base.port() == 443)
        || !basePath.isEmpty();
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    Request request = chain.request();
    HttpUrl url = request.url();
    if (!isWechatPayHost(url.host())) {
      return chain.proceed(request);
    }
    HttpUrl rewritten =
        url.newBuilder()
            .scheme(base.scheme())
            .host(base.host())
            .port(base.port())
            .encodedPath(basePath + url.encodedPath())
            .build();
    return chain.proceed(request.newBuilder().url(rewritten).build());
  }

  private static boolean isWechatPayHost(String host) {
    for (HostName name : HostName.values()) {
      if (name.getValue().equalsIgnoreCase(host)) {
        return true;
      }
    }
    return false;
  }
}
