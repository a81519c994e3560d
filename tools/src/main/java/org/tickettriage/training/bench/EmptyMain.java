package org.tickettriage.training.bench;

/**
 * The baseline of {@code benchmark startup}: a {@code main} that does nothing but say it ran, in a jar of its own, ended
 * as {@link LambdaStartProbe} ends. What any JVM start costs on this machine, against which the others are compared.
 */
public final class EmptyMain {

    private EmptyMain() {
    }

    public static void main(String[] args) {
        System.out.println(LambdaStartProbe.ANSWER_PREFIX + "200");
        System.out.flush();
        if ("normal".equals(System.getProperty("triage.probe.exit"))) {
            System.exit(0);
        }
        Runtime.getRuntime().halt(0);
    }
}
