package io.twinline.simulator;

import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.FileUpload;
import io.vertx.ext.web.RoutingContext;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Locale;

/** Request and response plumbing both simulated APIs need: Basic credentials, uploads, file downloads. */
public final class Requests {

    private Requests() {
    }

    /** User name and password of a Basic {@code Authorization} header. */
    public record Credentials(String user, String password) {
    }

    /**
     * Decodes {@code Basic base64(user:password)}; null when the header is no Basic header. A value that is
     * not base64 gives an empty user and a null password (answered as wrong credentials by both APIs).
     */
    public static Credentials basic(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return colon < 0 ? new Credentials(decoded, "") : new Credentials(decoded.substring(0, colon), decoded.substring(colon + 1));
        } catch (IllegalArgumentException e) {
            return new Credentials("", null);
        }
    }

    public static boolean isMultipart(RoutingContext ctx) {
        String ct = ctx.request().getHeader("Content-Type");
        return ct != null && ct.toLowerCase(Locale.ROOT).startsWith("multipart/form-data");
    }

    /** The bytes of an uploaded part (Vert.x has stored it in the uploads directory). */
    public static byte[] bytes(FileUpload upload) throws IOException {
        return Files.readAllBytes(Path.of(upload.uploadedFileName()));
    }

    public static String contentType(FileUpload upload) {
        return upload.contentType() == null ? "application/octet-stream" : upload.contentType();
    }

    /** A file name as one URL path segment. */
    public static String pathSegment(String name) {
        return URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** Answers with an attachment's bytes. */
    public static void sendFile(RoutingContext ctx, String contentType, String name, byte[] bytes) {
        ctx.response().putHeader("Content-Type", contentType)
                .putHeader("Content-Disposition", "attachment; filename=\"" + name.replace("\"", "") + "\"")
                .end(Buffer.buffer(bytes));
    }
}
