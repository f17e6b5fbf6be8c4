package uz.hisob.query.field.projection;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;
import uz.hisob.query.platform.SchemaGenerations;

import java.util.List;
import java.util.Set;

/** Generations of the field-sales read model (V16): schemas {@code field_rm_<n>} behind views in {@code public}. */
@Component
public class FieldRebuildTarget extends SchemaGenerations {

    private final JsonMapper json;

    public FieldRebuildTarget(JdbcTemplate jdbc, JsonMapper json) {
        super(jdbc, FieldProjection.NAME, "field", List.of("field_project", "field_agent", "field_reference", "field_visit_step",
                "field_client", "field_client_image", "field_visit", "field_visit_answer", "field_visit_image", "field_visit_history",
                "field_track_point", "field_agent_position", "field_agent_day", "field_route", "field_client_count", "onec_run", "onec_api_key"), Set.of("field_visit_history"));
        this.json = json;
    }

    @Override
    public Object handler(int generation) {
        return new FieldProjection(jdbc, json, false);
    }

    /** The processor's handlers: the field read model's and the 1C link's (its settings and run log belong to the project). */
    @Override
    public java.util.List<Object> handlers(int generation) {
        return java.util.List.of(handler(generation), new uz.hisob.query.onec.projection.OnecProjection(jdbc, json, false));
    }
}
