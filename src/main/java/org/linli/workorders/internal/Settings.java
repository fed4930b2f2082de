package org.linli.workorders.internal;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.linli.identity.Access;
import org.linli.identity.AuditLog;
import org.linli.identity.CurrentStaff;
import org.linli.shared.Checks;
import org.linli.shared.InvalidInputException;
import org.linli.shared.Money;
import org.linli.shared.NotFoundException;
import org.linli.shared.SqlRead;
import org.linli.workorders.Urgency;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Each community's repair rules — whether technicians may take orders from the pool, the
 * response and completion limits by urgency — and its price list of materials.
 */
@Service
@Transactional(readOnly = true)
public class Settings {

	private static final int MAX_MINUTES = 43_200;

	private final JdbcClient jdbc;

	private final CurrentStaff current;

	private final AuditLog audit;

	private final Clock clock;

	Settings(JdbcClient jdbc, CurrentStaff current, AuditLog audit, Clock clock) {
		this.jdbc = jdbc;
		this.current = current;
		this.audit = audit;
		this.clock = clock;
	}

	/** A community's rules; limits in minutes. */
	public record Rules(boolean poolEnabled, Map<Urgency, Limit> limits) {

		Sla sla(Urgency urgency) {
			Limit limit = this.limits.get(urgency);
			return new Sla(Duration.ofMinutes(limit.respondMinutes()), Duration.ofMinutes(limit.resolveMinutes()));
		}

	}

	public record Limit(Integer respondMinutes, Integer resolveMinutes) {
	}

	/** The rules of a community (the defaults when it set none), for anyone in it. */
	@SqlRead
	@PreAuthorize(Access.REPAIRS)
	public Rules of(long communityId) {
		this.current.requireCommunity(communityId, "community", communityId);
		return rules(communityId);
	}

	Rules rules(long communityId) {
		return this.jdbc.sql("SELECT * FROM work_order_settings WHERE community_id = ?")
			.param(communityId)
			.query((rs, n) -> {
				Map<Urgency, Limit> limits = new EnumMap<>(Urgency.class);
				for (Urgency urgency : Urgency.values()) {
					String prefix = urgency.name().toLowerCase();
					limits.put(urgency,
							new Limit(rs.getInt(prefix + "_respond_minutes"), rs.getInt(prefix + "_resolve_minutes")));
				}
				return new Rules(rs.getBoolean("pool_enabled"), limits);
			})
			.optional()
			.orElseGet(Settings::defaults);
	}

	static Rules defaults() {
		Map<Urgency, Limit> limits = new EnumMap<>(Urgency.class);
		Sla.defaults()
			.forEach((urgency, sla) -> limits.put(urgency,
					new Limit((int) sla.respond().toMinutes(), (int) sla.resolve().toMinutes())));
		return new Rules(true, limits);
	}

	/** Changes a community's rules (managers); every limit is required. */
	@Transactional
	@PreAuthorize(Access.MANAGERS)
	public Rules change(long communityId, Rules rules) {
		this.current.requireCommunity(communityId, "community", communityId);
		Checks checks = new Checks();
		Map<Urgency, Limit> limits = (rules.limits() != null) ? rules.limits() : Map.of();
		for (Urgency urgency : Urgency.values()) {
			Limit limit = limits.get(urgency);
			String field = "limits." + urgency.name();
			if (limit == null) {
				checks.add(field, "validation.required");
				continue;
			}
			checks.required(field + ".respondMinutes", limit.respondMinutes())
				.range(field + ".respondMinutes", limit.respondMinutes(), 1, MAX_MINUTES)
				.required(field + ".resolveMinutes", limit.resolveMinutes())
				.range(field + ".resolveMinutes", limit.resolveMinutes(), 1, MAX_MINUTES);
			if (limit.respondMinutes() != null && limit.resolveMinutes() != null
					&& limit.resolveMinutes() < limit.respondMinutes()) {
				checks.add(field + ".resolveMinutes", "workorders.settings.resolveBeforeRespond");
			}
		}
		checks.throwIfAny();
		Rules before = rules(communityId);
		this.jdbc
			.sql("""
					INSERT INTO work_order_settings (community_id, pool_enabled, emergency_respond_minutes, emergency_resolve_minutes,
					    urgent_respond_minutes, urgent_resolve_minutes, normal_respond_minutes, normal_resolve_minutes, updated_at, updated_by)
					VALUES (:community, :pool, :er, :ev, :ur, :uv, :nr, :nv, :now, :by)
					ON CONFLICT (community_id) DO UPDATE SET pool_enabled = :pool, emergency_respond_minutes = :er,
					    emergency_resolve_minutes = :ev, urgent_respond_minutes = :ur, urgent_resolve_minutes = :uv,
					    normal_respond_minutes = :nr, normal_resolve_minutes = :nv, updated_at = :now, updated_by = :by""")
			.param("community", communityId)
			.param("pool", rules.poolEnabled())
			.param("er", limits.get(Urgency.EMERGENCY).respondMinutes())
			.param("ev", limits.get(Urgency.EMERGENCY).resolveMinutes())
			.param("ur", limits.get(Urgency.URGENT).respondMinutes())
			.param("uv", limits.get(Urgency.URGENT).resolveMinutes())
			.param("nr", limits.get(Urgency.NORMAL).respondMinutes())
			.param("nv", limits.get(Urgency.NORMAL).resolveMinutes())
			.param("now", Timestamp.from(this.clock.instant()))
			.param("by", this.current.require().getUsername())
			.update();
		Rules after = rules(communityId);
		this.audit.record("WORK_ORDER_SETTINGS_CHANGED", "community", communityId, communityId,
				AuditLog.Changes.of()
					.changed("poolEnabled", before.poolEnabled(), after.poolEnabled())
					.changed("limits", before.limits().toString(), after.limits().toString()));
		return after;
	}

	/** A material on the price list. */
	public record Price(long id, String name, String unit, Money unitPrice) {
	}

	public record PriceCommand(String name, String unit, BigDecimal unitPrice) {
	}

	@SqlRead
	@PreAuthorize(Access.REPAIRS)
	public List<Price> prices(long communityId) {
		this.current.requireCommunity(communityId, "community", communityId);
		return activePrices(communityId);
	}

	List<Price> activePrices(long communityId) {
		return this.jdbc.sql(
				"SELECT id, name, unit, unit_price FROM work_order_price WHERE community_id = ? AND active ORDER BY name")
			.param(communityId)
			.query((rs, n) -> new Price(rs.getLong(1), rs.getString(2), rs.getString(3), Money.of(rs.getBigDecimal(4))))
			.list();
	}

	/** Adds a material, or prices one again (managers). */
	@Transactional
	@PreAuthorize(Access.MANAGERS)
	public Price putPrice(long communityId, PriceCommand command) {
		this.current.requireCommunity(communityId, "community", communityId);
		new Checks().required("name", blank(command.name()))
			.maxLength("name", command.name(), 100)
			.maxLength("unit", command.unit(), 20)
			.required("unitPrice", command.unitPrice())
			.throwIfAny();
		if (command.unitPrice().signum() < 0 || command.unitPrice().scale() > 2
				|| command.unitPrice().compareTo(new BigDecimal("1000000")) >= 0) {
			throw InvalidInputException.field("unitPrice", "validation.invalidValue");
		}
		long id = this.jdbc
			.sql("""
					INSERT INTO work_order_price (community_id, name, unit, unit_price) VALUES (:community, :name, :unit, :price)
					ON CONFLICT (community_id, name) DO UPDATE SET unit = :unit, unit_price = :price, active = true
					RETURNING id""")
			.param("community", communityId)
			.param("name", command.name().trim())
			.param("unit", blank(command.unit()))
			.param("price", command.unitPrice())
			.query(Long.class)
			.single();
		this.audit.record("WORK_ORDER_PRICE_SET", "community", communityId, communityId,
				AuditLog.Changes.of().set("name", command.name().trim()).set("unitPrice", command.unitPrice()));
		return new Price(id, command.name().trim(), blank(command.unit()), Money.of(command.unitPrice()));
	}

	/** Takes a material off the list; completed orders keep what they used. */
	@Transactional
	@PreAuthorize(Access.MANAGERS)
	public void removePrice(long priceId) {
		long community = this.jdbc.sql("SELECT community_id FROM work_order_price WHERE id = ?")
			.param(priceId)
			.query(Long.class)
			.optional()
			.orElseThrow(() -> new NotFoundException("price", priceId));
		this.current.requireCommunity(community, "price", priceId);
		this.jdbc.sql("UPDATE work_order_price SET active = false WHERE id = ?").param(priceId).update();
		this.audit.record("WORK_ORDER_PRICE_REMOVED", "community", community, community,
				AuditLog.Changes.of().set("priceId", priceId));
	}

	private static String blank(String value) {
		return (value == null || value.isBlank()) ? null : value.trim();
	}

}
