package uz.hisob.local;

import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.http.client.MultipartBodyBuilder;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.BodyInserters;
import uz.hisob.localstack.S3StandIn;
import uz.hisob.platform.blob.S3Blobs;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The image store on an S3-compatible server (hisob.images.store=s3), here the S3 stand-in of deploy/local-stack:
 * both services pointed at it keep and serve the bytes as objects, PostgreSQL only what refers to them.
 */
class ImagesOnS3Test extends SystemTestSupport {

    @Test
    void anImageStoredInS3IsServedFromIt() throws Exception {
        try (S3StandIn s3 = S3StandIn.start()) {
            Map<String, String> store = Map.of("hisob.images.store", "s3", "hisob.images.s3.endpoint", s3.endpoint(),
                    "hisob.images.s3.bucket", "hisob-test-images", "hisob.images.s3.access-key", S3StandIn.ACCESS_KEY,
                    "hisob.images.s3.secret-key", S3StandIn.SECRET_KEY);
            int commandPort = HisobSystem.freePort();
            int queryPort = HisobSystem.freePort();
            try (ConfigurableApplicationContext command = extraCommandService(commandPort, store);
                 ConfigurableApplicationContext query = extraQueryService(queryPort, Map.copyOf(store))) {
                assertThat(command.getBean(uz.hisob.command.images.ImageStore.class)).isInstanceOf(uz.hisob.command.images.S3ImageStore.class);
                assertThat(query.getBean(S3Blobs.class).bucket()).isEqualTo("hisob-test-images");
                WebTestClient commands = client("http://localhost:" + commandPort).mutate().responseTimeout(Duration.ofSeconds(30)).build();
                WebTestClient queries = client("http://localhost:" + queryPort).mutate().responseTimeout(Duration.ofSeconds(30)).build();
                byte[] png = ImagesTest.picture("png", 640, 480, 11);
                MultipartBodyBuilder body = new MultipartBodyBuilder();
                body.part("file", new org.springframework.core.io.ByteArrayResource(png) {
                    @Override
                    public String getFilename() {
                        return "rasm.png";
                    }
                }).contentType(MediaType.IMAGE_PNG);
                Map<?, ?> uploaded = commands.post().uri("/api/catalog/images").header("Authorization", "Bearer " + login(commands, "manager"))
                        .body(BodyInserters.fromMultipartData(body.build())).exchange().expectStatus().isCreated()
                        .expectBody(Map.class).returnResult().getResponseBody();
                String id = (String) uploaded.get("id");
                String sha = (String) uploaded.get("sha256");

                // the bytes are objects in the bucket; PostgreSQL holds only what names them
                try (S3Blobs bucket = new S3Blobs(s3.endpoint(), "us-east-1", "hisob-test-images", S3StandIn.ACCESS_KEY,
                        S3StandIn.SECRET_KEY, true)) {
                    assertThat(bucket.get("demo/" + sha)).isEqualTo(png);
                    assertThat(bucket.get("demo/" + sha + ".thumb.jpg")).isNotEmpty();
                }
                List<Map<String, Object>> rows = eventsDb().queryForList("SELECT content IS NULL AS empty, thumbnail IS NULL AS no_thumb "
                        + "FROM image_blobs WHERE tenant = 'demo' AND sha256 = ?", sha);
                assertThat(rows).isEqualTo(List.of(Map.of("empty", true, "no_thumb", true)));

                // served from the bucket by a query-service configured alike
                long position = ((Number) uploaded.get("position")).longValue();
                byte[] served = queries.get().uri("/api/images/" + id + "?minPosition=" + position).header("Authorization", bearer("keeper"))
                        .exchange().expectStatus().isOk().expectHeader().contentType(MediaType.IMAGE_PNG)
                        .expectBody(byte[].class).returnResult().getResponseBody();
                assertThat(served).isEqualTo(png);
                queries.get().uri("/api/images/" + id + "?size=thumb").header("Authorization", bearer("keeper")).exchange()
                        .expectStatus().isOk().expectHeader().contentType(MediaType.IMAGE_JPEG);
                // a query-service not pointed at the store cannot serve them, and says so
                queries().get().uri("/api/images/" + id + "?minPosition=" + position).header("Authorization", bearer("keeper")).exchange()
                        .expectStatus().isEqualTo(503);
            }
        }
    }
}
