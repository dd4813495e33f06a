package com.pveams.domain.error;

/**
 * Every result code the legacy API contract knows, with its default Chinese message
 * (as the legacy server returns it) and an English one for {@code Accept-Language: en}.
 * Codes are meanings here; the REST adapter decides how they travel.
 */
public enum ErrorCode {
    OK(20000, "请求成功", "Request succeeded"),
    ERROR(20400, "未知异常", "Unknown error"),
    UNAUTHORIZED(20401, "未授权", "Unauthorized"),
    LOGIN_FAIL(20402, "账号或密码错误", "Wrong username or password"),
    LOGIN_NO_ACCOUNT(20403, "账号不存在", "Account does not exist"),
    EXISTING_USER(20405, "该账号已存在", "An account with this username already exists"),
    DATA_ERROR(4000001, "参数异常", "Malformed request"),
    VALID_DATA_ERROR(4000002, "参数校验异常", "Invalid parameter"),
    ACCOUNT_LOCK(4010001, "登录失败次数过多，账号暂时锁定", "Too many failed logins, temporarily locked"),
    NOT_PERMISSION(4030001, "没有权限访问该资源", "No permission to access this resource"),
    INVALID_API(501001, "无效的API", "Invalid API"),
    AUTH_FAILED(501002, "API鉴权失败", "API authentication failed"),

    UNKNOWN(1000, "未知错误", "Unknown error"),
    INVALID_PARAM(1001, "参数无效", "Invalid parameter"),
    NODE_NOT_EXIST(1002, "节点不存在", "Node does not exist"),
    NODE_NOT_AVAILABLE(1003, "节点不可用", "Node is not available"),
    NO_AVAILABLE_IPV4(1004, "没有可用的IPv4地址", "No available IPV4 address"),
    NO_AVAILABLE_IPV6(1005, "没有可用的IPv6地址", "No available IPV6 address"),
    IMAGE_NOT_NULL(1006, "镜像不能为空", "Image cannot be empty"),
    CPU_TYPE_NOT_EXIST(1007, "CPU类型不存在", "CPU type does not exist"),
    OS_TYPE_NOT_NULL(1008, "系统类型不能为空", "OS type cannot be empty"),
    ARCHITECTURE_NOT_EXIST(1009, "架构不存在", "Architecture does not exist"),
    CPU_TYPE_NOT_SUPPORT_NESTED(1010, "该CPU类型不支持嵌套虚拟化", "CPU type does not support nested virtualization"),
    CREATE_VM_FAILED(1011, "创建虚拟机失败", "Failed to create virtual machine"),
    USERNAME_NOT_NULL(1012, "用户名不能为空", "Username cannot be empty"),
    PASSWORD_NOT_NULL(1013, "密码不能为空", "Password cannot be empty"),
    CLOUD_IMAGE_NOT_EXIST(1014, "镜像不存在", "Cloud Image does not exist"),
    CLOUD_IMAGE_NOT_AVAILABLE(1015, "镜像不支持", "Cloud Image is not available on this node"),
    VM_NOT_EXIST(1016, "虚拟机不存在", "Virtual machine does not exist"),
    RESET_SYSTEM_FAILED(1017, "重装系统失败", "Failed to reset system"),
    VM_IS_DISABLED(1018, "虚拟机已被禁用", "Virtual machine is disabled"),
    DELETE_VM_FAILED(1019, "删除虚拟机失败", "Failed to delete virtual machine"),
    CONFIGURE_TEMPLATE_NOT_EXIST(1020, "配置模板不存在", "The configuration template does not exist"),
    VM_IS_EXPIRED(1021, "虚拟机已过期", "Virtual machine has expired"),
    NEW_PASSWORD_NOT_NULL(1022, "新密码不能为空", "New password cannot be empty"),
    RESET_PASSWORD_FAILED(1023, "重置密码失败", "Failed to reset password"),
    RENEWAL_FAILED(1024, "续期失败", "Failed to renew virtual machine"),
    NODE_HAS_VM(1025, "该节点下仍有虚拟机，无法删除", "There are still virtual machines on this node, cannot be deleted"),
    DELETE_VM_UNKNOWN(1026, "删除失败，未知错误", "Failed to delete, unknown error"),
    IP_POOL_NOT_EXIST(1027, "IP池不存在", "IP pool does not exist"),
    IP_POOL_HAS_USED(1028, "IP池中存在已使用的IP，无法删除", "There are used IPs, cannot be deleted"),
    DELETE_IP_POOL_IP_LIST_FAILED(1029, "删除IP池IP列表失败", "Failed to delete the IP list of the pool"),
    DELETE_IP_POOL_FAILED(1030, "删除IP池失败", "Failed to delete IP pool"),
    HOSTNAME_NOT_CHINESE(1031, "主机名不能包含中文", "Hostname cannot be Chinese"),
    VM_IS_NOT_RUNNING(1032, "虚拟机未开机", "Virtual machine is not turned on"),
    VNC_NODE_NOT_EXIST(1033, "VNC控制节点不存在", "VNC control node does not exist"),
    CREATE_VNC_CONNECTION(1034, "创建VNC连接失败", "Failed to create VNC connection"),
    VM_IS_INSTALLOS(1042, "虚拟机正在创建或重装系统", "Virtual machine is creating or reinstall"),
    HOSTNAME_IS_EXIST(1043, "主机名已存在", "Virtual hostname is exist"),
    VM_HAS_SNAPSHOT(1044, "请删除快照后再重装系统", "Please delete the snapshots before reinstalling"),

    // nodes (issue 7): which check of a node failed, so the operator knows what to fix
    NODE_PVE_UNREACHABLE(1061, "无法连接到PVE节点的API，请检查地址和端口", "Cannot reach the PVE API of the node: check host and port"),
    NODE_PVE_AUTH_FAILED(1062, "PVE认证失败，请检查用户名、域、密码或API令牌", "PVE authentication failed: check user, realm, password or API token"),
    NODE_TLS_FAILED(1063, "PVE节点的TLS证书与预期不符", "The TLS certificate of the PVE node is not the expected one"),
    NODE_SSH_UNREACHABLE(1064, "无法通过SSH连接到节点，请检查SSH地址和端口", "Cannot reach the node over SSH: check SSH host and port"),
    NODE_SSH_AUTH_FAILED(1065, "SSH认证失败，请检查SSH用户名和密码", "SSH authentication failed: check the SSH user and password"),
    NODE_SSH_HOST_KEY_MISMATCH(1066, "节点的SSH主机密钥与已固定的不符", "The node's SSH host key is not the pinned one"),
    NODE_PVE_CHECK_FAILED(1067, "PVE节点检查失败", "The PVE node check failed"),
    NODE_ALREADY_EXISTS(1068, "该节点已存在", "This node already exists"),
    // --- durable operations (issue 8): new, the legacy had no serialisation of work on a VM
    VM_OPERATION_IN_PROGRESS(1080, "该虚拟机有正在进行的操作，请稍后再试", "Another operation on this virtual machine is in progress, try again later");

    private final int code;
    private final String zh;
    private final String en;

    ErrorCode(int code, String zh, String en) {
        this.code = code;
        this.zh = zh;
        this.en = en;
    }

    public int code() {
        return code;
    }

    public String message(boolean english) {
        return english ? en : zh;
    }
}
