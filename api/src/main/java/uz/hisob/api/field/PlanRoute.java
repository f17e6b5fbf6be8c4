package uz.hisob.api.field;

/** Plans a route's visits from today up to two weeks ahead, each once, and cancels those it no longer has. */
public record PlanRoute(String tenant, String routeId) {
}
