package com.pveams.bootstrap.e2e;

import com.pveams.bootstrap.support.Api;
import com.pveams.bootstrap.support.EmbeddedPostgresResource;
import com.pveams.bootstrap.wiring.DataDirectory;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** Flavours: addConfiguretemplate, getConfiguretemplateByPage, updateConfiguretemplate, deleteConfiguretemplate. */
@QuarkusTest
@WithTestResource(EmbeddedPostgresResource.class)
class FlavoursTest {
    @Inject
    DataDirectory dataDir;
    @Inject
    DataSource dataSource;
    String root;

    @BeforeEach
    void login() {
        root = Api.login("admin", Api.initialAdminPassword(dataDir.path()));
    }

    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** What the admin UI's template form sends: booleans as 0/1. */
    static Map<String, Object> uiForm(String name) {
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("name", name);
        b.put("sockets", 1);
        b.put("cores", 2);
        b.put("threads", 2);
        b.put("devirtualization", 0);
        b.put("kvm", 1);
        b.put("nested", 1);
        b.put("cpu", "host");
        b.put("cpuUnits", 50);
        b.put("bwlimit", 100);
        b.put("arch", "x86_64");
        b.put("acpi", "1");
        b.put("memory", 1024);
        b.put("storage", "local-lvm");
        b.put("systemDiskSize", 40);
        b.put("dataDisk", "{\"1\": 20}");
        b.put("bandwidth", 100);
        b.put("onBoot", 1);
        b.put("cpuModel", null);
        b.put("modelGroup", null);
        return b;
    }

    Map<String, Object> row(long id) throws Exception {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT name, cpu_units, bwlimit_kbps, nested, on_boot, acpi, memory_mb,"
                     + " storage, system_disk_gb, data_disk::text, bandwidth_mbps, cpu, threads FROM flavour WHERE id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                Map<String, Object> m = new HashMap<>();
                for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                    m.put(rs.getMetaData().getColumnLabel(i), rs.getObject(i));
                }
                return m;
            }
        }
    }

    long count(String sql) throws Exception {
        try (Connection c = dataSource.getConnection(); ResultSet rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    long add(Map<String, Object> body) {
        return Api.admin(root).body(body).post("/admin/addConfiguretemplate").then().statusCode(200)
                .body("code", equalTo(20000)).extract().jsonPath().getLong("data.id");
    }

    @Test
    void theUiFormIsSavedListedInTheUiVocabularyAndStoredInPveUnits() throws Exception {
        String name = unique("small");
        long id = add(uiForm(name));
        String record = "data.records.find { it.id == " + id + " }";
        Api.admin(root).get("/admin/getConfiguretemplateByPage?page=1&limit=500").then().statusCode(200)
                .body("code", equalTo(20000))
                .body(record + ".name", equalTo(name)).body(record + ".sockets", equalTo(1))
                .body(record + ".cores", equalTo(2)).body(record + ".threads", equalTo(2))
                .body(record + ".devirtualization", equalTo(0)).body(record + ".kvm", equalTo(1))
                .body(record + ".nested", equalTo(1)).body(record + ".cpu", equalTo("host"))
                .body(record + ".cpuUnits", equalTo(50)).body(record + ".bwlimit", equalTo(100))
                .body(record + ".arch", equalTo("x86_64")).body(record + ".acpi", equalTo(1))
                .body(record + ".memory", equalTo(1024)).body(record + ".storage", equalTo("local-lvm"))
                .body(record + ".systemDiskSize", equalTo(40)).body(record + ".dataDisk", equalTo("{\"1\":20}"))
                .body(record + ".bandwidth", equalTo(100)).body(record + ".onBoot", equalTo(1))
                .body(record + ".cpuModel", nullValue()).body(record + ".modelGroup", nullValue())
                .body(record + ".createDate", greaterThan(0L))
                .body("data.total", greaterThan(0)).body("data.current", equalTo(1)).body("data.size", equalTo(500));
        Map<String, Object> row = row(id);
        assertEquals(5000, row.get("cpu_units"));
        assertEquals(102400, row.get("bwlimit_kbps"));
        assertEquals(true, row.get("nested"));
        assertEquals(true, row.get("on_boot"));
        assertEquals("{\"1\": 20}", row.get("data_disk"));
    }

    @Test
    void defaultsFollowTheLegacyAndTheLegacyArchSpellingIsAccepted() throws Exception {
        long id = add(new HashMap<>(Map.of("name", unique("bare"))));
        Map<String, Object> row = row(id);
        assertEquals("kvm64", row.get("cpu"));
        assertEquals(512, row.get("memory_mb"));
        assertEquals("auto", row.get("storage"));
        assertEquals(true, row.get("acpi"));
        assertEquals(null, row.get("system_disk_gb"));
        assertEquals(null, row.get("bwlimit_kbps"));
        assertEquals("{}", row.get("data_disk"));
        Api.admin(root).body(Map.of("name", unique("arm"), "arch", "arrch64", "cpu", "max")).post("/admin/addConfiguretemplate")
                .then().body("code", equalTo(20000)).body("data.arch", equalTo("aarch64"));
    }

    @Test
    void updateChangesOnlyWhatWasSentWithPutOrPost() throws Exception {
        long id = add(uiForm(unique("upd")));
        String renamed = unique("renamed");
        Api.admin(root).body(Map.of("id", id, "name", renamed, "memory", 2048)).put("/admin/updateConfiguretemplate").then()
                .body("code", equalTo(20000)).body("data.name", equalTo(renamed)).body("data.memory", equalTo(2048))
                .body("data.cpu", equalTo("host")).body("data.nested", equalTo(1));
        // the contract's id field, POST, 0/1 booleans, clearing the data disks
        Api.admin(root).body(Map.of("configureTemplateId", id, "nested", 0, "cpu", "kvm64", "dataDisk", "")).post("/admin/updateConfiguretemplate")
                .then().body("code", equalTo(20000)).body("data.nested", equalTo(0)).body("data.cpu", equalTo("kvm64"))
                .body("data.dataDisk", nullValue());
        Map<String, Object> row = row(id);
        assertEquals(renamed, row.get("name"));
        assertEquals(2048, row.get("memory_mb"));
        assertEquals("kvm64", row.get("cpu"));
        assertEquals("{}", row.get("data_disk"));
    }

    @Test
    void legacyRulesAnswerWithTheirCodesAndWriteNothing() throws Exception {
        long before = count("SELECT count(*) FROM flavour");
        Map<String, Object> nested = uiForm(unique("nested"));
        nested.put("cpu", "kvm64");
        Api.admin(root).body(nested).post("/admin/addConfiguretemplate").then().body("code", equalTo(1010))
                .body("message", containsString("nested"));
        Map<String, Object> cpu = uiForm(unique("cpu"));
        cpu.put("cpu", "host,flags=+aes");
        Api.admin(root).body(cpu).post("/admin/addConfiguretemplate").then().body("code", equalTo(1007))
                .body("message", containsString("cpu"));
        Map<String, Object> arch = uiForm(unique("arch"));
        arch.put("arch", "sparc");
        Api.admin(root).body(arch).post("/admin/addConfiguretemplate").then().body("code", equalTo(1009))
                .body("message", containsString("arch"));
        assertEquals(before, count("SELECT count(*) FROM flavour"));
        // an update that would break rule 1010 leaves the row as it was
        long id = add(uiForm(unique("keep")));
        Api.admin(root).body(Map.of("id", id, "cpu", "qemu64")).put("/admin/updateConfiguretemplate").then().body("code", equalTo(1010));
        assertEquals("host", row(id).get("cpu"));
        Api.admin(root).body(Map.of("id", 987654, "memory", 1024)).put("/admin/updateConfiguretemplate").then()
                .body("code", equalTo(1020)).body("message", equalTo("配置模板不存在"));
        Api.admin(root).delete("/admin/deleteConfiguretemplate/987654").then().body("code", equalTo(1020));
    }

    @Test
    void everyInvalidFieldIsNamed() throws Exception {
        Map<String, Object> cases = new LinkedHashMap<>();
        cases.put("sockets", 0);
        cases.put("cores", 2000);
        cases.put("threads", "two");
        cases.put("cpuUnits", 101);
        cases.put("bwlimit", -1);
        cases.put("memory", 8);
        cases.put("storage", "local lvm;rm");
        cases.put("systemDiskSize", 70000);
        cases.put("bandwidth", -5);
        cases.put("onBoot", 2);
        cases.put("cpuModel", 987654);
        cases.put("modelGroup", 987654);
        cases.put("dataDisk", "{\"1\": \"local-lvm:vm-100-disk-0\"}");
        long before = count("SELECT count(*) FROM flavour");
        for (Map.Entry<String, Object> c : cases.entrySet()) {
            Map<String, Object> body = uiForm(unique("bad"));
            body.put(c.getKey(), c.getValue());
            Api.admin(root).body(body).post("/admin/addConfiguretemplate").then().statusCode(200)
                    .body("code", equalTo(4000002)).body("message", containsString(c.getKey()));
        }
        Map<String, Object> noName = uiForm("x");
        noName.remove("name");
        Api.admin(root).body(noName).post("/admin/addConfiguretemplate").then().body("code", equalTo(4000002))
                .body("message", containsString("name"));
        Api.admin(root).body(Map.of("memory", 1024)).put("/admin/updateConfiguretemplate").then().body("code", equalTo(4000002))
                .body("message", containsString("id"));
        assertEquals(before, count("SELECT count(*) FROM flavour"));
    }

    @Test
    void namesAreUniqueAndPagesNeedBothParameters() throws Exception {
        String name = unique("dup");
        add(uiForm(name));
        Api.admin(root).body(uiForm(name)).post("/admin/addConfiguretemplate").then().body("code", equalTo(20400))
                .body("message", equalTo("该配置模板名称已存在"));
        long other = add(uiForm(unique("other")));
        Api.admin(root).body(Map.of("id", other, "name", name)).put("/admin/updateConfiguretemplate").then()
                .body("code", equalTo(20400));
        Api.admin(root).get("/admin/getConfiguretemplateByPage?page=1").then().body("code", equalTo(4000002))
                .body("message", containsString("limit"));
        Api.admin(root).get("/admin/getConfiguretemplateByPage?limit=10").then().body("code", equalTo(4000002))
                .body("message", containsString("page"));
        Api.admin(root).get("/admin/getConfiguretemplateByPage?page=1&limit=0").then().body("code", equalTo(4000002));
    }

    @Test
    void deletingAFlavourRemovesItAndCpuModelsItNamesCannotGoFirst() throws Exception {
        Map<String, Object> cpu = new HashMap<>(Map.of("name", unique("cpu"), "vendor", "AuthenticAMD"));
        Api.admin(root).body(cpu).post("/admin/addCpuInfo").then().body("code", equalTo(20000));
        long cpuId = Api.admin(root).get("/admin/selectCpuInfoPage?page=1&limit=500").then().extract().jsonPath()
                .getLong("data.records.find { it.name == '" + cpu.get("name") + "' }.id");
        Map<String, Object> form = uiForm(unique("with-cpu"));
        form.put("cpuModel", cpuId);
        long id = add(form);
        Api.admin(root).body(Map.of("id", cpuId)).delete("/admin/deleteCpuInfo").then().body("code", equalTo(20400))
                .body("message", containsString("配置模板 #" + id));
        Api.admin(root).delete("/admin/deleteConfiguretemplate/" + id).then().body("code", equalTo(20000)).body("data", equalTo("删除成功"));
        assertEquals(null, row(id));
        Api.admin(root).delete("/admin/deleteConfiguretemplate/abc").then().body("code", equalTo(4000002)).body("message", containsString("id"));
        Api.admin(root).body(Map.of("id", cpuId)).delete("/admin/deleteCpuInfo").then().body("code", equalTo(20000));
        assertFalse(count("SELECT count(*) FROM flavour WHERE id = " + id) > 0);
    }
}
