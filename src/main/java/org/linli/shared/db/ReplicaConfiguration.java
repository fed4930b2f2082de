package org.linli.shared.db;

import java.util.Map;
import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import org.aopalliance.intercept.MethodInterceptor;

import org.springframework.aop.Advisor;
import org.springframework.aop.support.ComposablePointcut;
import org.springframework.aop.support.DefaultPointcutAdvisor;
import org.springframework.aop.support.annotation.AnnotationMatchingPointcut;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.datasource.LazyConnectionDataSourceProxy;
import org.springframework.jdbc.datasource.lookup.AbstractRoutingDataSource;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * A read replica ({@code LINLI_REPLICA_URL}, with {@code LINLI_REPLICA_USERNAME} and
 * {@code LINLI_REPLICA_PASSWORD}, by default the primary's): the application's data
 * source becomes a router that sends a read-only transaction inside a
 * {@link ReplicaReads} method to the replica and everything else to the primary. The
 * choice is made when the transaction's first statement runs (a lazy connection), once
 * the transaction is known to be read-only. Without the setting nothing changes.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("!'${linli.replica.url:}'.isBlank()")
class ReplicaConfiguration {

	/**
	 * The replica's pool, held rather than published as a {@code DataSource} (the
	 * application has one data source, the router).
	 */
	@Bean(destroyMethod = "close")
	static ReplicaPool replicaPool(@Value("${linli.replica.url}") String url, Environment environment) {
		HikariDataSource replica = new HikariDataSource();
		replica.setJdbcUrl(url);
		replica.setUsername(environment.getProperty("linli.replica.username",
				environment.getProperty("spring.datasource.username", "postgres")));
		replica.setPassword(environment.getProperty("linli.replica.password",
				environment.getProperty("spring.datasource.password", "")));
		replica.setReadOnly(true);
		replica.setMaximumPoolSize(environment.getProperty("linli.replica.pool-size", Integer.class, 4));
		replica.setPoolName("linli-replica");
		return new ReplicaPool(replica);
	}

	/** The replica's connections. */
	record ReplicaPool(HikariDataSource dataSource) implements AutoCloseable {

		@Override
		public void close() {
			this.dataSource.close();
		}

	}

	/** Wraps the application's data source (not the replica's) in the router. */
	@Bean
	static BeanPostProcessor replicaRouting(org.springframework.beans.factory.ObjectProvider<ReplicaPool> replicas) {
		return new BeanPostProcessor() {

			@Override
			public Object postProcessAfterInitialization(Object bean, String name) {
				if (!(bean instanceof DataSource primary) || !"dataSource".equals(name)) {
					return bean;
				}
				DataSource replica = replicas.getObject().dataSource();
				AbstractRoutingDataSource router = new AbstractRoutingDataSource() {

					@Override
					protected Object determineCurrentLookupKey() {
						return (Replica.reading() && TransactionSynchronizationManager.isCurrentTransactionReadOnly())
								? "replica" : "primary";
					}

				};
				router.setTargetDataSources(Map.of("primary", primary, "replica", replica));
				router.setDefaultTargetDataSource(primary);
				router.afterPropertiesSet();
				return new LazyConnectionDataSourceProxy(router);
			}

		};
	}

	/** Marks the thread while a {@link ReplicaReads} method runs. */
	@Bean
	static Advisor replicaReadsAdvisor() {
		ComposablePointcut pointcut = new ComposablePointcut(new AnnotationMatchingPointcut(ReplicaReads.class, true))
			.union(new AnnotationMatchingPointcut(null, ReplicaReads.class, true));
		DefaultPointcutAdvisor advisor = new DefaultPointcutAdvisor(pointcut,
				(MethodInterceptor) (invocation) -> Replica.reading(() -> {
					try {
						return invocation.proceed();
					}
					catch (RuntimeException | Error ex) {
						throw ex;
					}
					catch (Throwable ex) {
						throw new IllegalStateException(ex);
					}
				}));
		advisor.setOrder(Ordered.HIGHEST_PRECEDENCE);
		return advisor;
	}

}
