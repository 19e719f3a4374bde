# One multi-stage build for every service: docker-compose picks the stage with `target:`.
FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
COPY . .
RUN ./mvnw -B -ntp -q -DskipTests package

FROM eclipse-temurin:17-jre AS service-base
RUN useradd --system --home /app messenger && mkdir -p /app/data && chown messenger /app/data
WORKDIR /app
USER messenger
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/app/service.jar"]

FROM service-base AS command-side
COPY --from=build /src/command-side/target/messenger-command-side-*-exec.jar /app/service.jar
EXPOSE 8081

FROM service-base AS query-side
COPY --from=build /src/query-side/target/messenger-query-side-*-exec.jar /app/service.jar
EXPOSE 8082

FROM service-base AS gateway
COPY --from=build /src/gateway/target/messenger-gateway-*-exec.jar /app/service.jar
EXPOSE 8080

FROM service-base AS standalone
COPY --from=build /src/standalone/target/messenger.jar /app/service.jar
EXPOSE 8080
