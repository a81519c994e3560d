package org.tickettriage.local;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.net.StandardSocketOptions;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Run in a fresh JVM by {@link LocalServerNoDelayTest}, with {@code --add-opens jdk.httpserver/sun.net.httpserver}:
 * starts a {@link LocalServer} as {@code serve} does, keeps one connection to it open, and prints what the JDK's
 * server made of {@code sun.net.httpserver.nodelay} ({@code config=}) and whether the accepted connection has
 * TCP_NODELAY ({@code connections=}), read from the JDK's internals, which only a test may do.
 */
public final class NoDelayProbe {

    private NoDelayProbe() {
    }

    public static void main(String[] args) throws Exception {
        APIGatewayV2HTTPResponse ok = APIGatewayV2HTTPResponse.builder().withStatusCode(200).withBody("ok").build();
        try (LocalServer server = LocalServer.start((event, context) -> ok, 0);
             RawHttp client = new RawHttp(server.port())) {
            client.send("GET", "/health", null);
            client.read();

            Class<?> config = Class.forName("sun.net.httpserver.ServerConfig");
            Method noDelay = config.getDeclaredMethod("noDelay");
            noDelay.setAccessible(true);

            Object httpServer = field(server, "server");               // com.sun.net.httpserver.HttpServer
            Object serverImpl = field(httpServer, "server");           // sun.net.httpserver.ServerImpl
            List<Boolean> connections = new ArrayList<>();
            Set<?> all = (Set<?>) field(serverImpl, "allConnections");
            synchronized (all) {
                for (Object connection : all) {
                    SocketChannel channel = (SocketChannel) field(connection, "chan");
                    connections.add(channel.getOption(StandardSocketOptions.TCP_NODELAY));
                }
            }
            System.out.println("config=" + noDelay.invoke(null) + " connections=" + connections);
        }
    }

    private static Object field(Object owner, String name) throws ReflectiveOperationException {
        for (Class<?> type = owner.getClass(); type != null; type = type.getSuperclass()) {
            try {
                Field field = type.getDeclaredField(name);
                field.setAccessible(true);
                return field.get(owner);
            } catch (NoSuchFieldException e) {
                // look in the superclass
            }
        }
        throw new NoSuchFieldException(owner.getClass().getName() + "." + name);
    }
}
