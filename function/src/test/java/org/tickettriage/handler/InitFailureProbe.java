package org.tickettriage.handler;

/**
 * Run in a fresh JVM by {@link RoutingPolicyStartTest}: builds the HTTP handler the way Lambda's init does (no-argument
 * constructor, settings from system properties) twice, and prints what each attempt threw.
 */
public final class InitFailureProbe {

    private InitFailureProbe() {
    }

    public static void main(String[] args) {
        for (int attempt = 1; attempt <= 2; attempt++) {
            try {
                new ClassifyHttpHandler();
                System.out.println("attempt " + attempt + ": started");
            } catch (RuntimeException | Error e) {
                System.out.println("attempt " + attempt + ": " + e.getClass().getName());
                System.out.println(e.getMessage());
            }
        }
    }
}
