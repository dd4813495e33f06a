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
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** CPU models (selectCpuInfo…), SMBIOS models (getSmbiosInfo…) and model groups (getModelGroup…). */
@QuarkusTest
@WithTestResource(EmbeddedPostgresResource.class)
class HardwareModelsTest {
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
        return prefix + " " + UUID.randomUUID().toString().substring(0, 8);
    }

    static Map<String, Object> cpuBody(String name) {
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("name", name);
        b.put("family", 6);
        b.put("model", 97);
        b.put("stepping", 2);
        b.put("level", "0xEC");
        b.put("xlevel", "0x8000001E");
        b.put("vendor", "GenuineIntel");
        b.put("l3Cache", true);
        return b;
    }

    /** Adds a CPU model and finds its id in the list (the contract answers only "添加成功"). */
    long addCpu(String name) {
        Api.admin(root).body(cpuBody(name)).post("/admin/addCpuInfo").then().statusCode(200)
                .body("code", equalTo(20000)).body("data", equalTo("添加成功"));
        return Api.admin(root).get("/admin/selectCpuInfoPage?page=1&limit=500").then()
                .extract().jsonPath().getLong("data.records.find { it.name == '" + name + "' }.id");
    }

    long addSmbios(int type, Map<String, Object> model, String info) {
        Api.admin(root).body(Map.of("type", type, "model", model, "info", info)).post("/admin/addSmbiosInfo").then()
                .statusCode(200).body("code", equalTo(20000)).body("data", equalTo("添加成功"));
        return Api.admin(root).get("/admin/getSmbiosInfoList?page=1&limit=500").then()
                .extract().jsonPath().getLong("data.records.find { it.info == '" + info + "' }.id");
    }

    long count(String sql, Object... params) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    String text(String sql, Object... params) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }

    @Test
    void cpuModelIsAddedListedReadUpdatedAndDeleted() throws Exception {
        String name = unique("Xeon");
        long id = addCpu(name);
        Api.admin(root).get("/admin/selectCpuInfo?id=" + id).then().body("code", equalTo(20000))
                .body("data.id", equalTo((int) id)).body("data.cpu", nullValue()).body("data.name", equalTo(name))
                .body("data.family", equalTo(6)).body("data.model", equalTo(97)).body("data.stepping", equalTo(2))
                .body("data.level", equalTo("0xEC")).body("data.xlevel", equalTo("0x8000001E"))
                .body("data.vendor", equalTo("GenuineIntel")).body("data.l3Cache", equalTo(true))
                .body("data.other", nullValue()).body("data.createDate", org.hamcrest.Matchers.greaterThan(0L));
        Api.admin(root).get("/admin/selectCpuInfoPage?page=1&limit=1").then().body("data.size", equalTo(1))
                .body("data.current", equalTo(1)).body("data.records.size()", equalTo(1));
        // legacy leniency: update with POST; fields not sent stay
        Api.admin(root).body(Map.of("id", id, "stepping", 3, "other", "+avx2,-hypervisor")).post("/admin/updateCpuInfo")
                .then().body("code", equalTo(20000)).body("data.stepping", equalTo(3)).body("data.family", equalTo(6))
                .body("data.other", equalTo("+avx2,-hypervisor"));
        assertEquals("+avx2,-hypervisor", text("SELECT extra_flags FROM cpu_model WHERE id = ?", id));
        Api.admin(root).body(Map.of("id", id)).delete("/admin/deleteCpuInfo").then().body("code", equalTo(20000))
                .body("data", equalTo("删除成功"));
        assertEquals(0, count("SELECT count(*) FROM cpu_model WHERE id = ?", id));
        Api.admin(root).get("/admin/selectCpuInfo?id=" + id).then().body("code", equalTo(20400)).body("message", equalTo("CPU模型不存在"));
        Api.admin(root).body(Map.of("id", id)).post("/admin/deleteCpuInfo").then().body("code", equalTo(20400));
        Api.admin(root).body(Map.of("id", id, "stepping", 1)).put("/admin/updateCpuInfo").then().body("code", equalTo(20400));
    }

    @Test
    void invalidCpuModelsNameTheFieldAndWriteNothing() throws Exception {
        String hostile = "x' -chardev file,id=f,path=/etc/shadow '";
        Map<String, Object[]> cases = new LinkedHashMap<>();
        cases.put("name", new Object[]{"name", hostile});
        cases.put("vendor", new Object[]{"vendor", "Intel"});
        cases.put("other", new Object[]{"other", "+avx2 -device virtio-9p-pci,fsdev=f"});
        cases.put("family", new Object[]{"family", 300});
        cases.put("level", new Object[]{"level", "0x1FFFFFFFF"});
        long before = count("SELECT count(*) FROM cpu_model");
        for (Map.Entry<String, Object[]> c : cases.entrySet()) {
            Map<String, Object> body = cpuBody(unique("bad"));
            body.put((String) c.getValue()[0], c.getValue()[1]);
            Api.admin(root).body(body).post("/admin/addCpuInfo").then().statusCode(200)
                    .body("code", equalTo(4000002)).body("message", containsString(c.getKey()));
        }
        Api.admin(root).body(Map.of("family", "six")).post("/admin/addCpuInfo").then()
                .body("code", equalTo(4000002)).body("message", containsString("family"));
        Api.admin(root).body(Map.of("family", 6)).post("/admin/addCpuInfo").then()
                .body("code", equalTo(4000002)).body("message", containsString("name"));
        Api.admin(root).body(Map.of("name", "x")).put("/admin/updateCpuInfo").then()
                .body("code", equalTo(4000002)).body("message", containsString("id"));
        Api.admin(root).get("/admin/selectCpuInfo").then().body("code", equalTo(4000002)).body("message", containsString("id"));
        Api.admin(root).get("/admin/selectCpuInfoPage?limit=100000").then().body("code", equalTo(4000002)).body("message", containsString("limit"));
        assertEquals(before, count("SELECT count(*) FROM cpu_model"));
    }

    @Test
    void smbiosModelIsAddedListedReadUpdatedAndDeleted() throws Exception {
        String info = unique("board");
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("manufacturer", "ASUS");
        model.put("product", "ROG MAXIMUS Z690 EXTREME");
        model.put("version", "2022.1");
        long id = addSmbios(1, model, info);
        Api.admin(root).get("/admin/getSmbiosInfo?id=" + id).then().body("code", equalTo(20000))
                .body("data.type", equalTo(1)).body("data.model.manufacturer", equalTo("ASUS"))
                .body("data.model.product", equalTo("ROG MAXIMUS Z690 EXTREME")).body("data.info", equalTo(info))
                .body("data.createDate", org.hamcrest.Matchers.greaterThan(0L));
        assertEquals("ASUS", text("SELECT model->>'manufacturer' FROM smbios_model WHERE id = ?", id));
        // type as a string, numbers as values, update by POST
        Api.admin(root).body(Map.of("id", id, "type", "4", "model", Map.of("max-speed", 4800, "current-speed", "4800", "manufacturer", "Intel")))
                .post("/admin/updateSmbiosInfo").then().body("code", equalTo(20000)).body("data.type", equalTo(4))
                .body("data.model.max-speed", equalTo("4800")).body("data.info", equalTo(info));
        Api.admin(root).body(Map.of("id", id)).post("/admin/deleteSmbiosInfo").then().body("code", equalTo(20000));
        assertEquals(0, count("SELECT count(*) FROM smbios_model WHERE id = ?", id));
        Api.admin(root).get("/admin/getSmbiosInfo?id=" + id).then().body("code", equalTo(20400)).body("message", equalTo("SMBIOS模型不存在"));
    }

    @Test
    void invalidSmbiosModelsNameTheFieldAndWriteNothing() throws Exception {
        long before = count("SELECT count(*) FROM smbios_model");
        Api.admin(root).body(Map.of("type", 11, "model", Map.of("path", "/etc/shadow"), "info", "x")).post("/admin/addSmbiosInfo")
                .then().body("code", equalTo(4000002)).body("message", containsString("type"));
        Api.admin(root).body(Map.of("type", 1, "model", Map.of("path", "/etc/shadow"), "info", "x")).post("/admin/addSmbiosInfo")
                .then().body("code", equalTo(4000002)).body("message", containsString("model.path"));
        Api.admin(root).body(Map.of("type", 1, "model", Map.of("manufacturer", "A',file=/etc/shadow,x='"), "info", "x")).post("/admin/addSmbiosInfo")
                .then().body("code", equalTo(4000002)).body("message", containsString("model.manufacturer"));
        Api.admin(root).body(Map.of("type", 1, "model", Map.of("uuid", "nope"), "info", "x")).post("/admin/addSmbiosInfo")
                .then().body("code", equalTo(4000002)).body("message", containsString("model.uuid"));
        Api.admin(root).body(Map.of("type", 1, "model", "manufacturer=x", "info", "x")).post("/admin/addSmbiosInfo")
                .then().body("code", equalTo(4000002)).body("message", containsString("model"));
        Api.admin(root).body(Map.of("type", 1, "info", "x")).post("/admin/addSmbiosInfo")
                .then().body("code", equalTo(4000002)).body("message", containsString("model"));
        Api.admin(root).delete("/admin/deleteSmbiosInfo").then().body("code", equalTo(4000002)).body("message", containsString("id"));
        assertEquals(before, count("SELECT count(*) FROM smbios_model"));
    }

    @Test
    void groupArgsAreRenderedFromItsModelsAndFollowTheirEdits() throws Exception {
        String cpuName = unique("EPYC");
        long cpu = addCpu(cpuName);
        long bios = addSmbios(0, Map.of("vendor", "AMI"), unique("bios"));
        long board = addSmbios(2, Map.of("manufacturer", "Supermicro"), unique("board"));
        String info = unique("group");
        long group = Api.admin(root).body(Map.of("cpuModel", cpu, "smbiosModel", board + "," + bios, "info", info))
                .post("/admin/addModelGroup").then().body("code", equalTo(20000))
                .body("data.cpuModel", equalTo((int) cpu)).body("data.smbiosModel", equalTo(board + "," + bios))
                .body("data.info", equalTo(info))
                .body("data.args", equalTo("model-id='" + cpuName + "',family=6,model=97,stepping=2,level=0xEC,xlevel=0x8000001E,"
                        + "vendor='GenuineIntel',l3-cache=on -smbios type=2,manufacturer='Supermicro' -smbios type=0,vendor='AMI'"))
                .extract().jsonPath().getLong("data.id");
        assertEquals(2, count("SELECT count(*) FROM model_group_smbios WHERE model_group_id = ?", group));
        Api.admin(root).get("/admin/getModelGroup?modelGroupId=" + group).then().body("code", equalTo(20000))
                .body("data.smbiosModel", equalTo(board + "," + bios));
        Api.admin(root).get("/admin/getModelGroupPage?page=1&size=500").then().body("code", equalTo(20000))
                .body("data.records.find { it.id == " + group + " }.info", equalTo(info));
        // editing a model re-renders the group that uses it
        Api.admin(root).body(Map.of("id", cpu, "l3Cache", false)).put("/admin/updateCpuInfo").then().body("code", equalTo(20000));
        Api.admin(root).body(Map.of("id", bios, "model", Map.of("vendor", "Phoenix"))).put("/admin/updateSmbiosInfo").then().body("code", equalTo(20000));
        String args = Api.admin(root).get("/admin/getModelGroup?modelGroupId=" + group).then().extract().path("data.args");
        assertEquals("model-id='" + cpuName + "',family=6,model=97,stepping=2,level=0xEC,xlevel=0x8000001E,vendor='GenuineIntel',l3-cache=off"
                + " -smbios type=2,manufacturer='Supermicro' -smbios type=0,vendor='Phoenix'", args);
        assertEquals(args, text("SELECT args FROM model_group WHERE id = ?", group));
        // update: drop the CPU model (0 = none) and keep the SMBIOS list
        Api.admin(root).body(Map.of("id", group, "cpuModel", 0)).post("/admin/updateModelGroup").then().body("code", equalTo(20000))
                .body("data.cpuModel", nullValue())
                .body("data.args", equalTo("-smbios type=2,manufacturer='Supermicro' -smbios type=0,vendor='Phoenix'"));
        Api.admin(root).body(Map.of("id", group)).delete("/admin/deleteModelGroup").then().body("code", equalTo(20000));
        assertEquals(0, count("SELECT count(*) FROM model_group_smbios WHERE model_group_id = ?", group));
    }

    @Test
    void groupReferencesMustExistAndNothingIsWrittenOtherwise() throws Exception {
        long bios = addSmbios(0, Map.of("vendor", "AMI"), unique("bios"));
        long before = count("SELECT count(*) FROM model_group");
        Api.admin(root).body(Map.of("cpuModel", 987654, "info", "x")).post("/admin/addModelGroup").then()
                .body("code", equalTo(4000002)).body("message", containsString("cpuModel")).body("message", containsString("987654"));
        Api.admin(root).body(Map.of("smbiosModel", bios + ",987655", "info", "x")).post("/admin/addModelGroup").then()
                .body("code", equalTo(4000002)).body("message", containsString("smbiosModel")).body("message", containsString("987655"));
        Api.admin(root).body(Map.of("smbiosModel", bios + "," + bios, "info", "x")).post("/admin/addModelGroup").then()
                .body("code", equalTo(4000002)).body("message", containsString("smbiosModel"));
        Api.admin(root).body(Map.of("smbiosModel", "1;2", "info", "x")).post("/admin/addModelGroup").then()
                .body("code", equalTo(4000002)).body("message", containsString("smbiosModel"));
        Api.admin(root).body(Map.of("info", "empty")).post("/admin/addModelGroup").then()
                .body("code", equalTo(4000002)).body("message", containsString("cpuModel"));
        Api.admin(root).get("/admin/getModelGroupPage?page=1").then().body("code", equalTo(4000002)).body("message", containsString("size"));
        Api.admin(root).get("/admin/getModelGroupPage?size=10").then().body("code", equalTo(4000002)).body("message", containsString("page"));
        Api.admin(root).get("/admin/getModelGroup").then().body("code", equalTo(4000002)).body("message", containsString("modelGroupId"));
        Api.admin(root).get("/admin/getModelGroup?modelGroupId=987654").then().body("code", equalTo(20400)).body("message", equalTo("模型组不存在"));
        Api.admin(root).body(Map.of("id", 987654, "info", "x")).put("/admin/updateModelGroup").then().body("code", equalTo(20400));
        assertEquals(before, count("SELECT count(*) FROM model_group"));
    }

    @Test
    void modelsInUseCannotBeDeletedAndTheRefusalNamesTheUser() throws Exception {
        long cpu = addCpu(unique("Core"));
        long bios = addSmbios(0, Map.of("vendor", "AMI"), unique("bios"));
        String info = unique("in-use");
        long group = Api.admin(root).body(Map.of("cpuModel", cpu, "smbiosModel", String.valueOf(bios), "info", info))
                .post("/admin/addModelGroup").then().extract().jsonPath().getLong("data.id");
        Api.admin(root).body(Map.of("id", cpu)).delete("/admin/deleteCpuInfo").then().body("code", equalTo(20400))
                .body("message", equalTo("该CPU模型正被模型组 #" + group + " (" + info + ") 使用，无法删除"));
        Api.admin(root).header("Accept-Language", "en").body(Map.of("id", bios)).delete("/admin/deleteSmbiosInfo").then()
                .body("code", equalTo(20400))
                .body("message", equalTo("This SMBIOS model is used by model group #" + group + " (" + info + ") and cannot be deleted"));
        String flavour = unique("uses-group");
        Map<String, Object> f = new HashMap<>(Map.of("name", flavour, "modelGroup", group));
        long flavourId = Api.admin(root).body(f).post("/admin/addConfiguretemplate").then().body("code", equalTo(20000))
                .extract().jsonPath().getLong("data.id");
        Api.admin(root).body(Map.of("id", group)).delete("/admin/deleteModelGroup").then().body("code", equalTo(20400))
                .body("message", equalTo("该模型组正被配置模板 #" + flavourId + " (" + flavour + ") 使用，无法删除"));
        assertEquals(1, count("SELECT count(*) FROM model_group WHERE id = ?", group));
        // once the users are gone, the models go too
        Api.admin(root).delete("/admin/deleteConfiguretemplate/" + flavourId).then().body("code", equalTo(20000));
        Api.admin(root).delete("/admin/deleteModelGroup?id=" + group).then().body("code", equalTo(20000));
        for (String path : List.of("/admin/deleteCpuInfo", "/admin/deleteSmbiosInfo")) {
            long id = path.contains("Cpu") ? cpu : bios;
            Api.admin(root).body(Map.of("id", id)).delete(path).then().body("code", equalTo(20000));
        }
    }
}
