package org.sundaydigest.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.sundaydigest.testing.Api.asEditor;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.sundaydigest.subscriber.Subscriber;
import org.sundaydigest.subscriber.SubscriberStatus;
import org.sundaydigest.testing.Readers;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * {@code POST /api/subscribers/imports} over HTTP with files shaped as Mailchimp, Substack, Ghost and listmonk export
 * them, and with every kind of bad row: what each row becomes, in the counts, the errors and the readers themselves.
 */
@QuarkusTest
class ImportApiTest {

    private static final List<String> TAGS = new java.util.concurrent.CopyOnWriteArrayList<>();

    @org.junit.jupiter.api.AfterEach
    void retireImportedReaders() {
        TAGS.forEach(tag -> retireAll("%-" + tag + "@%"));
        TAGS.clear();
    }

    @Test
    void aMailchimpExportBecomesActiveReadersWithTheConsentItRecords() throws Exception {
        String tag = tag();
        JsonPath done = importAndWait(fixture("mailchimp-subscribed.csv", tag), "confirmed", false,
                "mailchimp-subscribed.csv");

        assertThat(done.getLong("created")).isEqualTo(done.getLong("rows") - done.getLong("skipped"));
        String ada = "ada-" + tag + "@example.org";
        assertThat(statusOf(ada)).isEqualTo(SubscriberStatus.ACTIVE);
        Map<String, Object> consent = asEditor().when().get("/api/subscribers/" + idOf(ada)).then().statusCode(200)
                .extract().path("consent[0]");
        assertThat(consent).containsEntry("type", "CONFIRM").containsEntry("channel", "IMPORT")
                .containsEntry("at", "2024-03-10T07:02:41Z").containsEntry("ip", "203.0.113.9");
        assertThat((String) consent.get("detail")).contains("account=editor").contains("file=mailchimp-subscribed.csv")
                .containsPattern("sha256=[0-9a-f]{64}");
        assertThat(nameOf(ada)).isEqualTo("Ada Lovelace");
    }

    @Test
    void rowsTheSourceMarksAsGoneAreSkippedWithTheirReason() throws Exception {
        String tag = tag();
        for (String file : List.of("mailchimp-unsubscribed.csv", "substack.csv", "ghost-members.csv",
                "listmonk-subscribers.csv")) {
            JsonPath done = importAndWait(fixture(file, tag), "confirmed", false);
            assertThat(done.getLong("skipped")).as(file).isPositive();
            assertThat(done.getList("errors.message", String.class)).as(file)
                    .anySatisfy(message -> assertThat(message).contains("in the source"));
        }
        assertThat(exists("left-" + tag + "@example.org")).as("unsubscribed in Mailchimp").isFalse();
        assertThat(statusOf("stayed-" + tag + "@example.org")).isEqualTo(SubscriberStatus.ACTIVE);
        assertThat(exists("quiet-" + tag + "@example.com")).as("not subscribed to emails in Ghost").isFalse();
        assertThat(statusOf("hannah-" + tag + "@example.com")).isEqualTo(SubscriberStatus.ACTIVE);
        assertThat(statusOf("lin-" + tag + "@example.org")).isEqualTo(SubscriberStatus.ACTIVE);
        assertThat(statusOf("reader-" + tag + "@example.com")).isEqualTo(SubscriberStatus.ACTIVE);
    }

    @Test
    void everyBadRowIsReportedWithItsLineAndTheOthersGoOn() throws Exception {
        String tag = tag();
        String csv = "\uFEFFemail;name;sections;consented_at;ip\r\n" // BOM, semicolons
                + "good1-" + tag + "@example.org;\"Quoted; with separator\";News;2024-03-10;192.0.2.1\r\n" // line 2
                + ";No address;;;\r\n" // line 3
                + "not-an-address;Bad;;;\r\n" // line 4
                + "good2-" + tag + "@example.org;\"Two\nlines\";\"News;Astrology\";;\r\n" // lines 5-6, reported as line
                                                                                          // 5
                + "bad-date-" + tag + "@example.org;Late;;yesterday;\r\n" // line 7
                + "bad-ip-" + tag + "@example.org;Net;;;999.1.1.1\r\n" // line 8
                + "GOOD1-" + tag + "@EXAMPLE.ORG;Shouting;;;\r\n"; // line 9: the first again
        JsonPath done = importAndWait(csv, "confirmed", false);

        assertThat(done.getLong("rows")).isEqualTo(7);
        assertThat(done.getLong("created")).isEqualTo(2);
        assertThat(done.getLong("unchanged")).as("the same address again").isEqualTo(1);
        assertThat(done.getList("errors", Map.class)).extracting(e -> e.get("line") + " " + e.get("field"))
                .contains("3 email", "4 email", "5 sections", "7 consented_at", "8 ip");
        assertThat(nameOf("good1-" + tag + "@example.org")).isEqualTo("Quoted; with separator");
        assertThat(sectionsOf("good2-" + tag + "@example.org")).containsExactly("News");
        assertThat(exists("bad-date-" + tag + "@example.org")).isFalse();
    }

    @Test
    void nobodyWhoLeftBouncedOrWasErasedIsMadeActive() throws Exception {
        Readers.Reader gone = Readers.insert(1, SubscriberStatus.UNSUBSCRIBED, "import-gone").get(0);
        Readers.Reader bounced = Readers.insert(1, SubscriberStatus.BOUNCED, "import-bounced").get(0);
        Readers.Reader active = Readers.insert(1, SubscriberStatus.ACTIVE, "import-active").get(0);
        Readers.Reader erased = Readers.insert(1, SubscriberStatus.ACTIVE, "import-erased").get(0);
        asEditor().when().delete("/api/subscribers/" + erased.id()).then().statusCode(204);
        String csv = "email,name\n" + gone.email().toUpperCase() + ",Gone\n" + bounced.email() + ",Bounced\n"
                + active.email() + ",Renamed\n" + erased.email() + ",Erased\n";

        JsonPath done = importAndWait(csv, "confirmed", false);

        assertThat(done.getLong("skipped")).isEqualTo(3);
        assertThat(done.getLong("unchanged")).isEqualTo(1);
        assertThat(Readers.statusOf(gone.id())).isEqualTo(SubscriberStatus.UNSUBSCRIBED);
        assertThat(Readers.statusOf(bounced.id())).isEqualTo(SubscriberStatus.BOUNCED);
        assertThat(nameOf(active.email())).as("an active reader is left as is").isNull();
        assertThat(exists(erased.email())).isFalse();
        Readers.retire(List.of(active));
    }

    @Test
    void aDryRunCountsWhatTheImportWillDoAndChangesNothingAndASecondImportChangesNothing() throws Exception {
        String tag = tag();
        Readers.Reader gone = Readers.insert(1, SubscriberStatus.UNSUBSCRIBED, "dry-gone").get(0);
        StringBuilder csv = new StringBuilder("email,name,sections,status\n");
        for (int i = 0; i < 1200; i++) {
            csv.append("dry-").append(i % 1000).append('-').append(tag).append("@example.org,Reader ").append(i)
                    .append(",Opinion,\n");
            if (i == 10 || i == 900) {
                // The same reader who left, in two batches: skipped twice, in the dry run as in the real one.
                csv.append(gone.email()).append(",Gone,,\n");
            }
            if (i == 20) {
                // The file excludes this address here and not in a later batch: the later row counts.
                csv.append("late-").append(tag).append("@example.org,Late,,blocklisted\n");
            }
            if (i == 700) {
                csv.append("late-").append(tag).append("@example.org,Late,,enabled\n");
            }
        }
        JsonPath dry = importAndWait(csv.toString(), "confirmed", true);
        assertThat(dry.getBoolean("dryRun")).isTrue();
        assertThat(exists("dry-0-" + tag + "@example.org")).isFalse();

        JsonPath real = done(asEditor().when().post("/api/subscribers/imports/" + dry.getLong("id") + "/run").then()
                .statusCode(202).extract().jsonPath().getLong("id"));
        for (String count : List.of("rows", "created", "updated", "unchanged", "skipped")) {
            assertThat(real.getLong(count)).as(count).isEqualTo(dry.getLong(count));
        }
        assertThat(real.getLong("created")).isEqualTo(1001);
        assertThat(real.getLong("unchanged")).isEqualTo(200);
        assertThat(real.getLong("skipped")).isEqualTo(3);
        assertThat(statusOf("late-" + tag + "@example.org")).isEqualTo(SubscriberStatus.ACTIVE);

        JsonPath again = importAndWait(csv.toString(), "confirmed", false);
        assertThat(again.getLong("created") + again.getLong("updated")).isZero();
        assertThat(again.getLong("unchanged")).isEqualTo(1201);
        assertThat(consentCount("dry-0-" + tag + "@example.org")).as("one consent event, not two").isEqualTo(1);
        retireAll("dry-%-" + tag + "@example.org");
    }

    @Test
    void theExportHasEveryReaderWithTheContractsColumnsAndDefusesFormulas() throws Exception {
        String tag = tag();
        importAndWait("email,name,sections\nexport-" + tag + "@example.org,=HYPERLINK(\"x\"),News|Opinion\n",
                "confirmed", false);

        String csv = asEditor().when().get("/api/subscribers.csv").then().statusCode(200)
                .contentType("text/csv; charset=UTF-8").extract().asString();

        assertThat(csv.lines().findFirst())
                .contains("id,email,name,status,sections,created_at,confirmed_at,unsubscribed_at");
        assertThat(csv.lines().filter(line -> line.contains("export-" + tag)).findFirst().orElseThrow())
                .contains(",\"'=HYPERLINK(\"\"x\"\")\",ACTIVE,News;Opinion,");
        retireAll("export-" + tag + "@example.org");
    }

    @Test
    void anExportImportedAgainChangesNothingEvenWhereACellWasDefused() throws Exception {
        String tag = tag();
        importAndWait("email,name\n-lead-" + tag + "@example.org,@handle\nplain-" + tag + "@example.org,Plain\n",
                "confirmed", false);
        String export = asEditor().when().get("/api/subscribers.csv").then().statusCode(200).extract().asString();
        assertThat(export).contains("'-lead-" + tag);
        String ours = export.lines().filter(line -> line.startsWith("id,") || line.contains(tag))
                .collect(java.util.stream.Collectors.joining("\n"));

        JsonPath again = importAndWait(ours, "confirmed", false);

        assertThat(again.getLong("rows")).isEqualTo(2);
        assertThat(again.getLong("unchanged")).isEqualTo(2);
        assertThat(exists("'-lead-" + tag + "@example.org")).isFalse();
    }

    @Test
    void badRequestsGetAProblemNamingWhatIsWrong() {
        asEditor().contentType("text/csv").body("email\na@example.org\n").when()
                .post("/api/subscribers/imports?mode=everyone").then().statusCode(400)
                .body("errors[0].field", org.hamcrest.Matchers.equalTo("mode"));
        asEditor().contentType("text/csv").body("email\na@example.org\n").when()
                .post("/api/subscribers/imports?dryRun=maybe").then().statusCode(400)
                .body("errors[0].field", org.hamcrest.Matchers.equalTo("dryRun"));
        asEditor().contentType("text/csv").body("").when().post("/api/subscribers/imports").then().statusCode(400);
        asEditor().when().get("/api/subscribers/imports/999999999").then().statusCode(404);
        asEditor().when().get("/api/subscribers/imports/abc").then().statusCode(404);
        io.restassured.RestAssured.given().contentType("text/csv").body("email\n").when()
                .post("/api/subscribers/imports").then().statusCode(401);
    }

    @Test
    void aFileWithoutAnEmailColumnFailsWithAReason() throws Exception {
        JsonPath done = importAndWait("name,city\nAda,London\n", "confirmed", false);
        assertThat(done.getString("status")).isEqualTo("FAILED");
        assertThat(done.getString("failure")).contains("email");
    }

    static JsonPath importAndWait(String csv, String mode, boolean dryRun) {
        return importAndWait(csv, mode, dryRun, "list.csv");
    }

    static JsonPath importAndWait(String csv, String mode, boolean dryRun, String fileName) {
        long id = asEditor().contentType("text/csv")
                .header("Content-Disposition", "attachment; filename=\"" + fileName + "\"")
                .body(csv.getBytes(StandardCharsets.UTF_8)).when()
                .post("/api/subscribers/imports?mode=" + mode + "&dryRun=" + dryRun).then().statusCode(202).extract()
                .jsonPath().getLong("id");
        return done(id);
    }

    static JsonPath done(long id) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> !"RUNNING"
                .equals(asEditor().when().get("/api/subscribers/imports/" + id).then().extract().path("status")));
        return asEditor().when().get("/api/subscribers/imports/" + id).then().statusCode(200).extract().jsonPath();
    }

    /** A fixture under {@code src/test/resources/imports}, its addresses made this test's own. */
    static String fixture(String name, String tag) throws IOException {
        try (InputStream in = ImportApiTest.class.getResourceAsStream("/imports/" + name)) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return text.replaceAll("([A-Za-z0-9._%+]+)@(example\\.(?:org|com|net))", "$1-" + tag + "@$2");
        }
    }

    static String tag() {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        TAGS.add(tag);
        return tag;
    }

    static boolean exists(String email) {
        return QuarkusTransaction.requiringNew().call(() -> Subscriber.findByEmail(email).isPresent());
    }

    static SubscriberStatus statusOf(String email) {
        return QuarkusTransaction.requiringNew().call(() -> Subscriber.findByEmail(email).orElseThrow().status);
    }

    static long idOf(String email) {
        return QuarkusTransaction.requiringNew().call(() -> Subscriber.findByEmail(email).orElseThrow().id);
    }

    static String nameOf(String email) {
        return QuarkusTransaction.requiringNew().call(() -> Subscriber.findByEmail(email).orElseThrow().name);
    }

    static List<String> sectionsOf(String email) {
        return QuarkusTransaction.requiringNew()
                .call(() -> List.copyOf(Subscriber.findByEmail(email).orElseThrow().sections));
    }

    static long consentCount(String email) {
        return QuarkusTransaction.requiringNew()
                .call(() -> (long) Subscriber.findByEmail(email).orElseThrow().consentEvents.size());
    }

    /** Takes the imported readers off the list, so later sends in other tests do not mail them. */
    static void retireAll(String likeEmail) {
        QuarkusTransaction.requiringNew()
                .run(() -> Subscriber.update("status = ?1 where emailKey like ?2 and status = ?3",
                        SubscriberStatus.UNSUBSCRIBED, likeEmail, SubscriberStatus.ACTIVE));
    }
}
