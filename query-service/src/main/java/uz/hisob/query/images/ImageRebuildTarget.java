package uz.hisob.query.images;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import uz.hisob.query.platform.SchemaGenerations;

import java.util.List;
import java.util.Set;

/** Generations of the images read model (V15): schemas {@code images_rm_<n>} behind views in {@code public}. */
@Component
public class ImageRebuildTarget extends SchemaGenerations {

    public ImageRebuildTarget(JdbcTemplate jdbc) {
        super(jdbc, ImageProjection.NAME, "images", List.of("image"), Set.of());
    }

    @Override
    public Object handler(int generation) {
        return new ImageProjection(jdbc);
    }
}
