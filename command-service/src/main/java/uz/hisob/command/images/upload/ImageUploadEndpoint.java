package uz.hisob.command.images.upload;

import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.codec.multipart.FilePart;
import org.springframework.http.codec.multipart.Part;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import uz.hisob.api.images.UploadImage;
import uz.hisob.command.images.ImageFiles;
import uz.hisob.command.platform.CommandDispatcher;
import uz.hisob.command.platform.Ids;
import uz.hisob.platform.security.Caller;
import uz.hisob.platform.web.ApiException;
import uz.hisob.platform.web.Blocking;

import java.util.Map;

/**
 * {@code POST /api/catalog/images} (ADMIN, MANAGER): a product photo, {@code multipart/form-data} with one part
 * {@code file}, judged by its bytes (JPEG, PNG or WebP; at most 10 MiB; anything else 415 or 413), as the image store
 * of field-sales.md "Images" takes it → 201 {@code {"id","sha256","contentType","bytes","width","height",
 * "duplicateOf"?,"position"}}. The image is then shown with a product by {@code POST /api/catalog/products/{id}/images}.
 */
@RestController
public class ImageUploadEndpoint {

    private final CommandDispatcher commands;

    public ImageUploadEndpoint(CommandDispatcher commands) {
        this.commands = commands;
    }

    @PostMapping(path = "/api/catalog/images", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    public Mono<ResponseEntity<String>> upload(@RequestPart(name = "file", required = false) Part file, Caller caller,
                                               ServerWebExchange exchange) {
        return upload(file, caller, exchange, "MANAGER", null);
    }

    /** An upload from {@code source}, to a field-sales project if {@code projectId} (the project's endpoint checked it). */
    public Mono<ResponseEntity<String>> upload(Part file, Caller caller, ServerWebExchange exchange, String source, String projectId) {
        if (!(file instanceof FilePart part)) {
            return Mono.error(ApiException.invalid("file", "is required: one multipart part named file"));
        }
        return DataBufferUtils.join(part.content(), ImageFiles.MAX_BYTES)
                .onErrorMap(DataBufferLimitException.class, e -> new ApiException(HttpStatus.CONTENT_TOO_LARGE, "PAYLOAD_TOO_LARGE",
                        "An image is at most " + ImageFiles.MAX_BYTES + " bytes"))
                .map(buffer -> {
                    byte[] bytes = new byte[buffer.readableByteCount()];
                    buffer.read(bytes);
                    DataBufferUtils.release(buffer);
                    return bytes;
                })
                .flatMap(bytes -> Blocking.run(() -> judge(bytes)).map(judged -> Map.entry(bytes, judged)))
                .flatMap(upload -> {
                    String id = Ids.orNew(null);
                    ImageFiles.Judged j = upload.getValue();
                    return commands.create(exchange, caller, Map.of("sha256", j.sha256()),
                            new UploadImage(caller.tenant(), id, j.sha256(), j.contentType(), j.width(), j.height(), upload.getKey(),
                                    j.thumbnail(), source, projectId), id, "/api/images/" + id);
                });
    }

    private static ImageFiles.Judged judge(byte[] bytes) {
        try {
            return ImageFiles.judge(bytes);
        } catch (ImageFiles.Refused refused) {
            throw refused.tooLarge()
                    ? new ApiException(HttpStatus.CONTENT_TOO_LARGE, "PAYLOAD_TOO_LARGE", refused.getMessage())
                    : new ApiException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "UNSUPPORTED_MEDIA_TYPE", refused.getMessage());
        }
    }
}
