package uz.hisob.local;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import uz.hisob.onec.standin.OnecBase;
import uz.hisob.onec.standin.OnecDemoData;

/**
 * The demo of field sales for the run command: the project {@code toshkent} (made with its agents {@code agent} and
 * {@code agent2} by the command-service's demo seeder), its dictionaries and checklist, 2 000 clients around Tashkent
 * with Uzbek and Russian names, and a week of visits: planned for the past six days, today and the next six, the
 * past three days' and this morning's visits made with GPS tracks between them (some flagged: a mocked location, a
 * check-in far from the client, a visit too short, an unplanned one), the older ones missed, plus a route each.
 *
 * <p>Everything goes through the public HTTP API as the agents and managers would book it. Devices upload what they
 * did in the past days only now, so those visits are flagged {@code LATE_UPLOAD} (and {@code LATE} where the plan's
 * day had passed): that is what such data is. Nothing happens when the demo clients exist already.
 */
final class DemoField {

    static final String PROJECT = "toshkent";
    static final ZoneId ZONE = ZoneId.of("Asia/Tashkent");
    static final int CLIENTS = 2000;
    static final double LAT = OnecDemoData.LAT;
    static final double LON = OnecDemoData.LON;
    private static final Logger log = LoggerFactory.getLogger(DemoField.class);

    private final DemoClient client;
    private final Random random = new Random(14);
    private final List<double[]> places = new ArrayList<>();
    private final List<String> ids = new ArrayList<>();

    private DemoField(String commandUrl) {
        this.client = new DemoClient(commandUrl);
    }

    static void ensure(String commandUrl, String queryUrl) {
        DemoField demo = new DemoField(commandUrl);
        try {
            if (demo.client.exists(queryUrl, "/api/projects/" + PROJECT + "/clients/" + clientId(1))) {
                return;
            }
            long started = System.nanoTime();
            log.info("Creating the demo field sales: 2 000 clients and a week of visits with tracks (once)…");
            demo.generate(Instant.now());
            log.info("Demo field sales created: {} commands in {} ms", demo.client.commands(),
                    Duration.ofNanos(System.nanoTime() - started).toMillis());
        } catch (IOException e) {
            throw new IllegalStateException("Could not create the demo field-sales data", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static String clientId(int n) {
        return String.format("mijoz-%04d", n);
    }

    private void generate(Instant now) throws IOException, InterruptedException {
        String p = "/api/projects/" + PROJECT;
        for (String[] ref : new String[][] {{"visit-types", "oddiy", "Oddiy tashrif"}, {"visit-types", "audit", "Javon auditi"},
                {"visit-priorities", "yuqori", "Yuqori"}, {"visit-priorities", "odatiy", "Odatiy"},
                {"cancel-reasons", "yopiq", "Do'kon yopiq"}, {"cancel-reasons", "egasi-yoq", "Egasi yo'q"},
                {"visit-outcomes", "buyurtma", "Buyurtma olindi"}, {"visit-outcomes", "rad", "Buyurtma bermadi"},
                {"visit-outcomes", "qaytish", "Qaytib kelish kerak"}}) {
            client.post("manager", p + "/references/" + ref[0], Map.of("id", ref[1], "name", ref[2]));
        }
        client.post("manager", p + "/visit-steps", Map.of("id", "yuzalar", "title", "Javondagi yuzalar soni", "kind", "NUMBER",
                "required", true, "order", 1));
        client.post("manager", p + "/visit-steps", Map.of("id", "toza", "title", "Javon toza", "kind", "CHECK", "required", false, "order", 2));
        client.post("manager", p + "/visit-steps", Map.of("id", "rasm", "title", "Javon rasmi", "kind", "PHOTO", "required", false, "order", 3));
        client.post("manager", p + "/visit-steps", Map.of("id", "fikr", "title", "Egasining fikri", "kind", "CHOICE", "required", false,
                "options", List.of("mamnun", "betaraf", "norozi"), "order", 4));
        clients(p);

        // the agents' clients: twenty neighbourhoods, ten for each agent; a day's visits are in one of them
        LocalDate today = LocalDate.ofInstant(now, ZONE);
        Map<String, List<Integer>> plans = new LinkedHashMap<>();
        for (String agent : List.of("agent", "agent2")) {
            List<Map<String, Object>> visits = new ArrayList<>();
            List<Integer> days = new ArrayList<>();
            for (int d = -6; d <= 6; d++) {
                LocalDate day = today.plusDays(d);
                int cluster = Math.floorMod(d, 10) * 2 + (agent.equals("agent") ? 0 : 1);
                for (int i = 0; i < 12; i++) {
                    int n = cluster * 100 + i * 7 + 1; // clients of the cluster, spread over it
                    visits.add(Map.of("id", visitId(agent, day, i), "clientId", clientId(n), "agentId", agent, "plannedFor", day.toString(),
                            "plannedTime", LocalTime.of(9, 0).plusMinutes(40L * i).toString(), "typeId", i % 4 == 0 ? "audit" : "oddiy"));
                    days.add(n);
                }
            }
            client.post("manager", p + "/visits/bulk", Map.of("visits", visits));
            plans.put(agent, days);
        }
        // what the agents did, day by day, uploaded now
        byte[] shelf = png(1);
        for (int d = -3; d <= 0; d++) {
            LocalDate day = today.plusDays(d);
            for (String agent : List.of("agent", "agent2")) {
                work(agent, day, now, plans.get(agent).subList((d + 6) * 12, (d + 7) * 12), shelf);
            }
        }
        for (String agent : List.of("agent", "agent2")) {
            int base = agent.equals("agent") ? 1500 : 1600;
            List<String> route = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                route.add(clientId(base + i * 3));
            }
            client.post("manager", p + "/routes", Map.of("id", "yol-" + agent, "agentId", agent, "name",
                    agent.equals("agent") ? "Dushanba-chorshanba-juma" : "Seshanba-payshanba", "weekdays",
                    agent.equals("agent") ? List.of(1, 3, 5) : List.of(2, 4), "clientIds", route, "typeId", "oddiy"));
        }
    }

    /** The clients as the stand-in 1C base holds them (the same codes, names and places), so the first sync finds them. */
    private void clients(String p) throws IOException, InterruptedException {
        List<Map<String, Object>> batch = new ArrayList<>();
        int n = 0;
        for (OnecDemoData.Outlet outlet : OnecDemoData.outlets(CLIENTS)) {
            n++;
            OnecBase.Client c = outlet.client();
            places.add(new double[] {outlet.lat(), outlet.lon()});
            String id = clientId(n);
            ids.add(id);
            Map<String, Object> body = new HashMap<>();
            body.put("id", id);
            body.put("name", c.name());
            body.put("legalName", c.legalName());
            body.put("tin", c.tin());
            body.put("phone", c.phone());
            body.put("address", c.address());
            body.put("onecCode", c.code());
            // some outlets were never visited: their place is learned at the first check-in
            if (c.lat() != null) {
                body.put("location", Map.of("lat", c.lat(), "lon", c.lon()));
            }
            body.put("agentIds", List.of(c.agentCodes().getFirst().equals(OnecDemoData.AGENT_CODE) ? "agent" : "agent2"));
            body.put("tags", List.of(n % 3 == 0 ? "ulgurji" : "chakana"));
            batch.add(body);
            if (batch.size() == 500) {
                client.post("manager", p + "/clients/bulk", Map.of("clients", batch));
                batch = new ArrayList<>();
            }
        }
        if (!batch.isEmpty()) {
            client.post("manager", p + "/clients/bulk", Map.of("clients", batch));
        }
    }

    /**
     * One agent's day: the visits whose planned time has passed (and within the 72 hours a device may look back),
     * each with its check-in near the client, the checklist, now and then a photo, and its check-out; the last one is
     * skipped (it will be missed); the track of the day uploaded after.
     */
    private void work(String agent, LocalDate day, Instant now, List<Integer> clients, byte[] shelf) throws IOException, InterruptedException {
        List<Map<String, Object>> track = new ArrayList<>();
        double[] at = null;
        Instant clock = null;
        boolean onSite = false;
        for (int i = 0; i < clients.size() - 1; i++) {
            int n = clients.get(i);
            Instant checkIn = day.atTime(LocalTime.of(9, 0).plusMinutes(40L * i + random.nextInt(10))).atZone(ZONE).toInstant();
            if (checkIn.isAfter(now.minus(Duration.ofMinutes(30))) || checkIn.isBefore(now.minus(Duration.ofHours(71)))) {
                continue;
            }
            double[] place = places.get(n - 1);
            boolean far = i == 5 && day.getDayOfMonth() % 2 == 0;
            double[] fix = far ? new double[] {place[0] + 0.004, place[1]} : new double[] {place[0] + (random.nextDouble() - 0.5) * 0.0003,
                    place[1] + (random.nextDouble() - 0.5) * 0.0003};
            if (at != null) {
                walk(track, at, fix, clock, checkIn);
            }
            String visit = visitId(agent, day, i);
            Map<String, Object> checkInBody = new HashMap<>(Map.of("at", checkIn.toString(), "location",
                    Map.of("lat", round(fix[0]), "lon", round(fix[1]), "accuracyMeters", 5 + random.nextInt(15)), "provider", "gps"));
            if (i == 3 && day.getDayOfMonth() % 3 == 0) {
                checkInBody.put("mocked", true);
            }
            try {
                client.post(agent, "/api/visits/" + visit + "/check-in", checkInBody);
            } catch (IOException refused) {
                if (refused.getMessage().contains("VISIT_NOT_PLANNED")) {
                    continue; // missed in a week that is over: it stays missed
                }
                throw refused;
            }
            client.put(agent, "/api/visits/" + visit + "/steps/yuzalar", Map.of("value", 4 + random.nextInt(20)));
            client.put(agent, "/api/visits/" + visit + "/steps/toza", Map.of("value", random.nextInt(5) != 0));
            client.put(agent, "/api/visits/" + visit + "/steps/fikr", Map.of("value", List.of("mamnun", "betaraf", "norozi").get(random.nextInt(3))));
            if (i % 3 == 0) {
                // one photo reused on purpose (the same bytes again): the audit queue names it a duplicate
                byte[] photo = i == 6 ? shelf : png(n * 31 + day.getDayOfYear());
                String image = (String) client.upload(agent, "/api/projects/" + PROJECT + "/images", photo).get("id");
                client.put(agent, "/api/visits/" + visit + "/steps/rasm", Map.of("imageIds", List.of(image)));
            }
            long minutes = i == 7 ? 3 : 12 + random.nextInt(14);
            Instant checkOut = checkIn.plus(Duration.ofMinutes(minutes));
            if (checkOut.isAfter(now)) {
                onSite = true;
                break; // still there: the visit in progress
            }
            stay(track, fix, checkIn, checkOut);
            client.post(agent, "/api/visits/" + visit + "/check-out", Map.of("at", checkOut.toString(), "location",
                    Map.of("lat", round(fix[0]), "lon", round(fix[1]), "accuracyMeters", 8), "outcomeId",
                    List.of("buyurtma", "buyurtma", "rad", "qaytish").get(random.nextInt(4))));
            at = fix;
            clock = checkOut;
        }
        // an unplanned stop at a client of the neighbourhood on the way
        if (!onSite && at != null && clock != null && clock.plus(Duration.ofMinutes(40)).isBefore(now)) {
            int n = clients.getFirst() + 3;
            double[] place = places.get(n - 1);
            Instant in = clock.plus(Duration.ofMinutes(15));
            walk(track, at, place, clock, in);
            Map<?, ?> visit = client.postFor(agent, "/api/projects/" + PROJECT + "/visits/check-in", Map.of("clientId", clientId(n), "at", in.toString(),
                    "location", Map.of("lat", round(place[0]), "lon", round(place[1]), "accuracyMeters", 10)));
            client.put(agent, "/api/visits/" + visit.get("id") + "/steps/yuzalar", Map.of("value", 6));
            Instant out = in.plus(Duration.ofMinutes(9));
            stay(track, place, in, out);
            client.post(agent, "/api/visits/" + visit.get("id") + "/check-out", Map.of("at", out.toString(), "location",
                    Map.of("lat", round(place[0]), "lon", round(place[1]), "accuracyMeters", 10), "outcomeId", "buyurtma"));
        }
        for (int from = 0; from < track.size(); from += 1000) {
            client.post(agent, "/api/agents/me/track", Map.of("points", track.subList(from, Math.min(track.size(), from + 1000))));
        }
    }

    /** Points every 30 s in a straight line from one place to another. */
    private void walk(List<Map<String, Object>> track, double[] from, double[] to, Instant start, Instant end) {
        long steps = Math.max(1, Duration.between(start, end).toSeconds() / 30);
        for (long s = 1; s < steps; s++) {
            double f = (double) s / steps;
            track.add(point(start.plusSeconds(30 * s), from[0] + (to[0] - from[0]) * f, from[1] + (to[1] - from[1]) * f));
        }
    }

    /** Points every 30 s at one place, with a few metres of GPS noise. */
    private void stay(List<Map<String, Object>> track, double[] at, Instant start, Instant end) {
        for (Instant t = start; t.isBefore(end); t = t.plusSeconds(30)) {
            track.add(point(t, at[0] + (random.nextDouble() - 0.5) * 0.00008, at[1] + (random.nextDouble() - 0.5) * 0.00008));
        }
    }

    private Map<String, Object> point(Instant at, double lat, double lon) {
        return Map.of("at", at.toString(), "lat", round(lat), "lon", round(lon), "accuracyMeters", 6 + random.nextInt(10),
                "battery", 95 - (int) (Duration.between(at.atZone(ZONE).toLocalDate().atStartOfDay(ZONE).toInstant(), at).toMinutes() / 12));
    }

    static String visitId(String agent, LocalDate day, int i) {
        return "tashrif-" + agent + "-" + day + "-" + i;
    }

    private static double round(double degrees) {
        return Math.round(degrees * 1e6) / 1e6;
    }

    private static byte[] png(int seed) throws IOException {
        BufferedImage image = new BufferedImage(96, 64, BufferedImage.TYPE_INT_RGB);
        Random r = new Random(seed);
        for (int i = 0; i < 200; i++) {
            image.setRGB(r.nextInt(96), r.nextInt(64), r.nextInt(0xFFFFFF));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }
}
