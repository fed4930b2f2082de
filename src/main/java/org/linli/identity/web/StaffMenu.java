package org.linli.identity.web;

import java.util.Collections;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.linli.identity.Role;
import org.linli.identity.StaffUser;

import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.WebContext;
import org.thymeleaf.web.servlet.JakartaServletWebApplication;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * The staff menu of the signed-in member, worked out once per page: the layout used to
 * ask Spring Security's expression handler a dozen times per view (5% of a page's time).
 * Only what the menu shows; every page and endpoint keeps its own check.
 * <p>
 * The menu's entries are rendered once for each set of entries and language and written
 * as they are ({@code fragments/staff-menu}): some forty attributes processed on every
 * staff page for the same few dozen lines of HTML (without them the rooms list served
 * about 7% more). The member's own name and the sign-out form stay in the layout.
 */
@Component("staffMenu")
public class StaffMenu {

	private final ITemplateEngine templates;

	/** Off while templates are not cached either (in development). */
	private final boolean cache;

	/**
	 * The rendered entries by entries and language: at most two languages and the role
	 * combinations there are.
	 */
	private final Map<Key, String> rendered = new ConcurrentHashMap<>();

	StaffMenu(ITemplateEngine templates, @Value("${spring.thymeleaf.cache:true}") boolean cache) {
		this.templates = templates;
		this.cache = cache;
	}

	/** The menu's entries the member's roles call for, and the name it shows. */
	public record Items(boolean staff, boolean cashier, boolean arrears, boolean workOrders, boolean complaints,
			boolean stats, boolean community, boolean rounds, boolean admin, boolean manager, String displayName) {

		static final Items NONE = new Items(false, false, false, false, false, false, false, false, false, false, null);

		/** The same entries, without the name (which the rendered entries never show). */
		Items entriesOnly() {
			return new Items(this.staff, this.cashier, this.arrears, this.workOrders, this.complaints, this.stats,
					this.community, this.rounds, this.admin, this.manager, null);
		}

	}

	private record Key(Items entries, Locale locale) {
	}

	/**
	 * The menu's entries as HTML in the current request's language, rendered the first
	 * time they are asked for.
	 */
	public String entries(Items items) {
		Locale locale = LocaleContextHolder.getLocale();
		Key key = new Key(items.entriesOnly(), locale);
		String html = this.cache ? this.rendered.get(key) : null;
		if (html == null) {
			html = render(key);
			if (this.cache) {
				this.rendered.putIfAbsent(key, html);
			}
		}
		return html;
	}

	private String render(Key key) {
		// a web context, for the links' context path; a web context keeps its variables
		// in the request's attributes, where the page being rendered keeps its own (its
		// menu with the member's name among them): this one gets attributes of its own
		ServletRequestAttributes attributes = (ServletRequestAttributes) RequestContextHolder
			.currentRequestAttributes();
		HttpServletRequest request = new OwnAttributes(attributes.getRequest());
		HttpServletResponse response = attributes.getResponse();
		WebContext context = new WebContext(JakartaServletWebApplication.buildApplication(request.getServletContext())
			.buildExchange(request, response), key.locale(), Map.of("menu", key.entries()));
		return this.templates.process("fragments/staff-menu", Set.of("entries"), context);
	}

	/** A request with attributes of its own, empty at first. */
	private static final class OwnAttributes extends HttpServletRequestWrapper {

		private final Map<String, Object> attributes = new HashMap<>();

		OwnAttributes(HttpServletRequest request) {
			super(request);
		}

		@Override
		public Object getAttribute(String name) {
			return this.attributes.get(name);
		}

		@Override
		public Enumeration<String> getAttributeNames() {
			return Collections.enumeration(this.attributes.keySet());
		}

		@Override
		public void setAttribute(String name, Object value) {
			this.attributes.put(name, value);
		}

		@Override
		public void removeAttribute(String name) {
			this.attributes.remove(name);
		}

	}

	/** The signed-in member's menu (none for anyone else). */
	public Items current() {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		if (authentication == null || !(authentication.getPrincipal() instanceof StaffUser user)) {
			return Items.NONE;
		}
		Set<String> held = new java.util.HashSet<>();
		for (GrantedAuthority authority : authentication.getAuthorities()) {
			held.add(authority.getAuthority());
		}
		if (!held.contains("STAFF")) {
			return Items.NONE;
		}
		boolean admin = held.contains(Role.ADMIN.authority());
		boolean manager = admin || held.contains(Role.MANAGER.authority());
		boolean finance = held.contains(Role.FINANCE.authority());
		boolean service = held.contains(Role.SERVICE.authority());
		boolean technician = held.contains(Role.TECHNICIAN.authority());
		boolean inspector = held.contains(Role.INSPECTOR.authority());
		return new Items(true, manager || finance, manager || finance || service, manager || service || technician,
				manager || service || technician, manager || finance, manager || service, inspector || technician,
				admin, manager, user.getDisplayName());
	}

}
