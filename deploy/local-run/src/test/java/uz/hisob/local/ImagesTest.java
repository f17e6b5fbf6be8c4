package uz.hisob.local;

import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.http.client.MultipartBodyBuilder;
import org.springframework.web.reactive.function.BodyInserters;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static uz.hisob.local.InventoryCommandsTest.post;
import static uz.hisob.local.InventoryCommandsTest.read;

/**
 * Product images over HTTP (field-sales.md "Images", commerce.md "Catalogue"): uploads judged by their bytes, a
 * reused photo named as the duplicate, the bytes and a thumbnail served with ETag and caching, shown with a product.
 */
class ImagesTest extends SystemTestSupport {

    static final byte[] WEBP = Base64.getDecoder().decode("UklGRhoAAABXRUJQVlA4TA0AAAAvAAAAEAcQERGIiP4HAA==");

    static byte[] picture(String format, int width, int height, int seed) throws Exception {
        BufferedImage image = new BufferedImage(width, height, format.equals("png") ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
        for (int i = 0; i < 50; i++) {
            image.setRGB((seed * 31 + i * 7) % width, (seed * 17 + i * 13) % height, 0xFF000000 | (seed * 99991 + i * 7919));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, format, out);
        return out.toByteArray();
    }

    /** Uploads {@code bytes} as the part {@code file}, declared as {@code declaredType}. */
    static org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec upload(String user, byte[] bytes, String declaredType) {
        MultipartBodyBuilder body = new MultipartBodyBuilder();
        body.part("file", new org.springframework.core.io.ByteArrayResource(bytes) {
            @Override
            public String getFilename() {
                return "photo";
            }
        }).contentType(MediaType.parseMediaType(declaredType));
        return commands().post().uri("/api/catalog/images").header("Authorization", bearer(user))
                .body(BodyInserters.fromMultipartData(body.build())).exchange();
    }

    static Map<?, ?> uploaded(String user, byte[] bytes, String declaredType, int status) {
        return upload(user, bytes, declaredType).expectStatus().isEqualTo(status).expectBody(Map.class).returnResult().getResponseBody();
    }

    @Test
    void imagesAreJudgedStoredServedAndShownWithAProduct() throws Exception {
        byte[] jpeg = picture("jpg", 1200, 900, (int) (System.nanoTime() % 1000));
        Map<?, ?> first = uploaded("manager", jpeg, "image/jpeg", 201);
        String id = (String) first.get("id");
        assertThat(first.get("contentType")).isEqualTo("image/jpeg");
        assertThat(first.get("bytes")).isEqualTo(jpeg.length);
        assertThat(first.get("width")).isEqualTo(1200);
        assertThat(first.get("height")).isEqualTo(900);
        assertThat((String) first.get("sha256")).hasSize(64);
        assertThat(first.get("duplicateOf")).isNull();
        // the same bytes again: a reused photo, named as such
        Map<?, ?> again = uploaded("admin", jpeg, "application/octet-stream", 201);
        assertThat(again.get("duplicateOf")).isEqualTo(id);
        assertThat(again.get("sha256")).isEqualTo(first.get("sha256"));
        // judged by the bytes, not the declared type
        assertThat(uploaded("manager", WEBP, "image/png", 201).get("contentType")).isEqualTo("image/webp");
        Map<?, ?> png = uploaded("manager", picture("png", 64, 800, 3), "image/png", 201);
        assertThat(png.get("contentType")).isEqualTo("image/png");
        assertThat(uploaded("manager", "GIF89a not really".getBytes(), "image/gif", 415).get("code")).isEqualTo("UNSUPPORTED_MEDIA_TYPE");
        assertThat(uploaded("manager", java.util.Arrays.copyOf(jpeg, 100), "image/jpeg", 415).get("code")).isEqualTo("UNSUPPORTED_MEDIA_TYPE");
        byte[] huge = java.util.Arrays.copyOf(jpeg, 11 * 1024 * 1024);
        assertThat(uploaded("manager", huge, "image/jpeg", 413).get("code")).isEqualTo("PAYLOAD_TOO_LARGE");
        byte[] justOver = java.util.Arrays.copyOf(jpeg, 10 * 1024 * 1024 + 1);
        assertThat(uploaded("manager", justOver, "image/jpeg", 413).get("code")).isEqualTo("PAYLOAD_TOO_LARGE");
        // no file part; roles
        assertThat(commands().post().uri("/api/catalog/images").header("Authorization", bearer("manager"))
                .body(BodyInserters.fromMultipartData(new MultipartBodyBuilder().build())).exchange()
                .expectStatus().isBadRequest().expectBody(Map.class).returnResult().getResponseBody().get("code")).isEqualTo("VALIDATION_FAILED");
        upload("keeper", jpeg, "image/jpeg").expectStatus().isForbidden();
        upload("auditor", jpeg, "image/jpeg").expectStatus().isForbidden();

        // the bytes, with an ETag that answers 304, and the thumbnail
        long position = ((Number) first.get("position")).longValue();
        var served = queries().get().uri("/api/images/" + id + "?minPosition=" + position).header("Authorization", bearer("keeper"))
                .exchange().expectStatus().isOk().expectHeader().contentType("image/jpeg")
                .expectHeader().valueEquals("Cache-Control", "max-age=86400, private")
                .expectBody(byte[].class).returnResult();
        assertThat(served.getResponseBody()).isEqualTo(jpeg);
        String etag = served.getResponseHeaders().getETag();
        assertThat(etag).isEqualTo("\"" + first.get("sha256") + "\"");
        queries().get().uri("/api/images/" + id).header("Authorization", bearer("keeper")).header("If-None-Match", etag)
                .exchange().expectStatus().isNotModified();
        byte[] thumb = queries().get().uri("/api/images/" + id + "?size=thumb").header("Authorization", bearer("auditor")).exchange()
                .expectStatus().isOk().expectHeader().contentType("image/jpeg").expectBody(byte[].class).returnResult().getResponseBody();
        BufferedImage small = ImageIO.read(new ByteArrayInputStream(thumb));
        assertThat(List.of(small.getWidth(), small.getHeight())).isEqualTo(List.of(320, 240));
        queries().get().uri("/api/images/" + id + "?size=huge").header("Authorization", bearer("keeper")).exchange().expectStatus().isBadRequest();
        queries().get().uri("/api/images/" + uniqueId("yoq")).header("Authorization", bearer("keeper")).exchange().expectStatus().isNotFound();
        queries().get().uri("/api/images/" + id).header("Authorization", bearer("other-admin")).exchange().expectStatus().isNotFound();

        // shown with a product
        String product = uniqueId("rasm");
        post("manager", "/api/catalog/products", Map.of("id", product, "sku", uniqueId("RASM"), "name", "Rasmli non", "unit", "pcs"), 201);
        post("manager", "/api/catalog/products/" + product + "/images", Map.of("imageId", id), 201);
        position = ((Number) post("manager", "/api/catalog/products/" + product + "/images", Map.of("imageId", (String) png.get("id")), 201)
                .get("position")).longValue();
        Map<?, ?> detail = read("keeper", "/api/catalog/products/" + product + "?minPosition=" + position, 200);
        assertThat(detail.get("images")).isEqualTo(List.of(
                Map.of("imageId", id, "contentType", "image/jpeg", "width", 1200, "height", 900),
                Map.of("imageId", png.get("id"), "contentType", "image/png", "width", 64, "height", 800)));
        assertThat(InventoryCommandsTest.errorsOf(post("manager", "/api/catalog/products/" + product + "/images",
                Map.of("imageId", uniqueId("yoq")), 400)).toString()).contains("imageId");
        post("manager", "/api/catalog/products/" + uniqueId("yoq") + "/images", Map.of("imageId", id), 404);
        post("keeper", "/api/catalog/products/" + product + "/images", Map.of("imageId", id), 403);
        // another tenant's image is unknown here
        String theirs = (String) uploaded("other-admin", picture("png", 10, 10, 5), "image/png", 201).get("id");
        assertThat(InventoryCommandsTest.errorsOf(post("manager", "/api/catalog/products/" + product + "/images",
                Map.of("imageId", theirs), 400)).toString()).contains("imageId");
    }
}
