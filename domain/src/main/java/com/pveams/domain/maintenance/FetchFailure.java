package com.pveams.domain.maintenance;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Why a fetch on a node failed, read from curl's documented exit status (and, for HTTP errors, the status code it
 * names), so an operator learns the reason without the node's raw output being passed on.
 *
 * @param httpStatus the source's HTTP status when it answered with an error, otherwise {@code null}
 */
public record FetchFailure(Reason reason, Integer httpStatus, int exitStatus) {
    public enum Reason {
        HTTP_ERROR("来源返回 HTTP ", "the source answered HTTP "),
        HOST_NOT_RESOLVED("节点无法解析来源的主机名", "the node could not resolve the source's host name"),
        CONNECT_FAILED("节点无法连接来源", "the node could not connect to the source"),
        TIMED_OUT("下载超时", "the download timed out"),
        TRANSFER_BROKEN("传输中断", "the transfer broke off"),
        TLS_FAILED("与来源的 TLS 握手或证书校验失败", "TLS with the source failed (handshake or certificate)"),
        DISK_WRITE("无法写入节点的镜像目录（磁盘已满？）", "the file could not be written on the node (disk full?)"),
        OTHER("节点上的命令失败，退出码 ", "a command on the node failed with exit status ");

        private final String zh;
        private final String en;

        Reason(String zh, String en) {
            this.zh = zh;
            this.en = en;
        }
    }

    private static final Pattern HTTP_IN_CURL = Pattern.compile("returned error: (\\d{3})\\b");
    private static final Pattern HTTP_IN_SUMMARY = Pattern.compile("answered HTTP (\\d{3})\\b");

    /**
     * @param exitStatus curl's exit status, or -1 when unknown
     * @param text       what to look for an HTTP status in (curl's error line or the shell adapter's summary); only
     *                   the three digits are kept
     */
    public static FetchFailure read(int exitStatus, String text) {
        Optional<Integer> http = httpStatus(text);
        if (http.isPresent()) {
            return new FetchFailure(Reason.HTTP_ERROR, http.get(), exitStatus);
        }
        Reason reason = switch (exitStatus) {
            case 6 -> Reason.HOST_NOT_RESOLVED;
            case 7 -> Reason.CONNECT_FAILED;
            case 28 -> Reason.TIMED_OUT;
            case 18, 56 -> Reason.TRANSFER_BROKEN;
            case 35, 60 -> Reason.TLS_FAILED;
            case 23 -> Reason.DISK_WRITE;
            default -> Reason.OTHER;
        };
        return new FetchFailure(reason, null, exitStatus);
    }

    private static Optional<Integer> httpStatus(String text) {
        if (text == null) {
            return Optional.empty();
        }
        for (Pattern p : new Pattern[] {HTTP_IN_CURL, HTTP_IN_SUMMARY}) {
            Matcher m = p.matcher(text);
            if (m.find()) {
                return Optional.of(Integer.parseInt(m.group(1)));
            }
        }
        return Optional.empty();
    }

    public String message(boolean english) {
        String base = english ? reason.en : reason.zh;
        return switch (reason) {
            case HTTP_ERROR -> base + httpStatus;
            case OTHER -> base + exitStatus;
            default -> base;
        };
    }
}
