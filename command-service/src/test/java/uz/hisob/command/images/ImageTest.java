package uz.hisob.command.images;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import uz.hisob.api.CommandRefused;
import uz.hisob.api.images.ReviewImage;
import uz.hisob.api.images.UploadImage;
import uz.hisob.events.images.ImageReviewed;
import uz.hisob.events.images.ImageUploaded;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Given/when/then tests of an image's upload, and what {@link ImageFiles} judges of the bytes. */
class ImageTest {

    /** A 1 × 1 WebP, lossless and lossy (the images browsers' feature tests use). */
    static final byte[] WEBP_LOSSLESS = Base64.getDecoder().decode("UklGRhoAAABXRUJQVlA4TA0AAAAvAAAAEAcQERGIiP4HAA==");
    static final byte[] WEBP_LOSSY = Base64.getDecoder().decode("UklGRiIAAABXRUJQVlA4IBYAAAAwAQCdASoBAAEADsD+JaQAA3AAAAAA");

    AggregateTestFixture<Image> fixture;
    InMemoryImageStore store;

    @BeforeEach
    void setUp() {
        store = new InMemoryImageStore();
        fixture = fixture();
    }

    /** A fixture for one more image, with the same store. */
    private AggregateTestFixture<Image> fixture() {
        AggregateTestFixture<Image> f = new AggregateTestFixture<>(Image.class);
        f.registerInjectableResource(store);
        return f;
    }

    static UploadImage upload(String id, String sha) {
        return new UploadImage("demo", id, sha, "image/png", 40, 30, new byte[1234], new byte[10], "MANAGER", null);
    }

    @Test
    void anUploadRecordsWhatWasMeasuredAndNamesAnEarlierCopy() {
        fixture.givenNoPriorActivity().when(upload("a", "aa"))
                .expectEvents(new ImageUploaded("demo", "a", "aa", "image/png", 1234, 40, 30, null, "MANAGER", null))
                .expectResultMessagePayload(new Image.Uploaded("aa", "image/png", 1234, 40, 30, null));
        // the same bytes again, as another image
        fixture().givenNoPriorActivity().when(upload("b", "aa"))
                .expectEvents(new ImageUploaded("demo", "b", "aa", "image/png", 1234, 40, 30, "a", "MANAGER", null));
        fixture.given(new ImageUploaded("demo", "a", "aa", "image/png", 1234, 40, 30, null, "MANAGER", null)).when(upload("a", "bb"))
                .expectNoEvents().expectException(CommandRefused.class).expectExceptionMessage("An image with this id exists");
        fixture().givenNoPriorActivity().when(new UploadImage("demo", "c", "cc", "image/png", 1, 1, new byte[1], new byte[1], "SOMEONE", null))
                .expectNoEvents().expectException(CommandRefused.class);
        fixture().givenNoPriorActivity().when(new UploadImage("demo", "c", "cc", "image/gif", 1, 1, new byte[1], new byte[1], "MANAGER", null))
                .expectNoEvents().expectException(CommandRefused.class).expectExceptionMessage("must be a JPEG, PNG or WebP image");
    }

    @Test
    void aReviewIsAVerdictThatALaterReviewReplaces() {
        ImageUploaded uploaded = new ImageUploaded("demo", "a", "aa", "image/jpeg", 1234, 40, 30, null, "AGENT", "toshkent");
        fixture.given(uploaded).when(new ReviewImage("demo", "a", "REJECTED", "eski rasm"))
                .expectEvents(new ImageReviewed("a", "REJECTED", "eski rasm"));
        fixture.given(uploaded, new ImageReviewed("a", "REJECTED", "eski rasm")).when(new ReviewImage("demo", "a", "APPROVED", null))
                .expectEvents(new ImageReviewed("a", "APPROVED", null));
        fixture.given(uploaded, new ImageReviewed("a", "APPROVED", null)).when(new ReviewImage("demo", "a", "APPROVED", null))
                .expectNoEvents().expectSuccessfulHandlerExecution();
        fixture.given(uploaded).when(new ReviewImage("demo", "a", "PENDING", null))
                .expectNoEvents().expectExceptionMessage("must be APPROVED or REJECTED");
    }

    static byte[] encoded(String format, int width, int height, int type) throws Exception {
        BufferedImage image = new BufferedImage(width, height, type);
        image.setRGB(width / 2, height / 2, 0xFF336699);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(ImageIO.write(image, format, out)).isTrue();
        return out.toByteArray();
    }

    @Test
    void filesAreJudgedByTheirBytes() throws Exception {
        ImageFiles.Judged jpeg = ImageFiles.judge(encoded("jpg", 1600, 1200, BufferedImage.TYPE_INT_RGB));
        assertThat(jpeg.contentType()).isEqualTo("image/jpeg");
        assertThat(jpeg.width()).isEqualTo(1600);
        assertThat(jpeg.height()).isEqualTo(1200);
        BufferedImage thumb = ImageIO.read(new ByteArrayInputStream(jpeg.thumbnail()));
        assertThat(Math.max(thumb.getWidth(), thumb.getHeight())).isEqualTo(320);
        assertThat(thumb.getHeight()).isEqualTo(240);

        ImageFiles.Judged png = ImageFiles.judge(encoded("png", 90, 500, BufferedImage.TYPE_INT_ARGB));
        assertThat(png.contentType()).isEqualTo("image/png");
        assertThat(List2.of(png.width(), png.height())).isEqualTo(List2.of(90, 500));
        BufferedImage pngThumb = ImageIO.read(new ByteArrayInputStream(png.thumbnail()));
        assertThat(pngThumb.getHeight()).isEqualTo(320);

        for (byte[] webp : new byte[][] {WEBP_LOSSLESS, WEBP_LOSSY}) {
            ImageFiles.Judged w = ImageFiles.judge(webp);
            assertThat(w.contentType()).isEqualTo("image/webp");
            assertThat(List2.of(w.width(), w.height())).isEqualTo(List2.of(1, 1));
        }
        assertThat(ImageFiles.judge(WEBP_LOSSY).sha256()).hasSize(64).isNotEqualTo(ImageFiles.judge(WEBP_LOSSLESS).sha256());

        // not an image, or an image cut short
        assertThatThrownBy(() -> ImageFiles.judge("<svg xmlns='http://www.w3.org/2000/svg'/>".getBytes()))
                .isInstanceOf(ImageFiles.Refused.class).hasMessageContaining("not a JPEG, PNG or WebP");
        byte[] png2 = encoded("png", 50, 50, BufferedImage.TYPE_INT_RGB);
        assertThatThrownBy(() -> ImageFiles.judge(java.util.Arrays.copyOf(png2, 20)))
                .isInstanceOf(ImageFiles.Refused.class).hasMessageContaining("not a readable PNG");
    }

    /** {@code List.of} for ints, as the assertions read. */
    private static final class List2 {
        static java.util.List<Integer> of(int a, int b) {
            return java.util.List.of(a, b);
        }
    }
}
