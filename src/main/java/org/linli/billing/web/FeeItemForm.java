package org.linli.billing.web;

import java.math.BigDecimal;

/**
 * The fee item form of the staff console: up to four tiered bands, the last one
 * open-ended.
 */
public class FeeItemForm {

	private String name;

	private String method;

	private String area;

	private BigDecimal unitPrice;

	private BigDecimal amount;

	private String meterType;

	private BigDecimal tier1UpTo;

	private BigDecimal tier1Price;

	private BigDecimal tier2UpTo;

	private BigDecimal tier2Price;

	private BigDecimal tier3UpTo;

	private BigDecimal tier3Price;

	private BigDecimal tierLastPrice;

	private String cycle;

	private Integer dueDay;

	private Integer dueDaysAfterIssue;

	private String appliesTo;

	private java.util.List<Long> buildingIds = new java.util.ArrayList<>();

	private java.util.List<String> roomTypes = new java.util.ArrayList<>();

	private boolean lateFeeOn;

	private BigDecimal lateDailyRate;

	private Integer lateGraceDays;

	private boolean lateCap = true;

	private boolean autoDeduct;

	public boolean isAutoDeduct() {
		return this.autoDeduct;
	}

	public void setAutoDeduct(boolean autoDeduct) {
		this.autoDeduct = autoDeduct;
	}

	private String effectiveFrom;

	private String effectiveTo;

	public String getName() {
		return this.name;
	}

	public void setName(String name) {
		this.name = name;
	}

	public String getMethod() {
		return this.method;
	}

	public void setMethod(String method) {
		this.method = method;
	}

	public String getArea() {
		return this.area;
	}

	public void setArea(String area) {
		this.area = area;
	}

	public BigDecimal getUnitPrice() {
		return this.unitPrice;
	}

	public void setUnitPrice(BigDecimal unitPrice) {
		this.unitPrice = unitPrice;
	}

	public BigDecimal getAmount() {
		return this.amount;
	}

	public void setAmount(BigDecimal amount) {
		this.amount = amount;
	}

	public String getMeterType() {
		return this.meterType;
	}

	public void setMeterType(String meterType) {
		this.meterType = meterType;
	}

	public BigDecimal getTier1UpTo() {
		return this.tier1UpTo;
	}

	public void setTier1UpTo(BigDecimal tier1UpTo) {
		this.tier1UpTo = tier1UpTo;
	}

	public BigDecimal getTier1Price() {
		return this.tier1Price;
	}

	public void setTier1Price(BigDecimal tier1Price) {
		this.tier1Price = tier1Price;
	}

	public BigDecimal getTier2UpTo() {
		return this.tier2UpTo;
	}

	public void setTier2UpTo(BigDecimal tier2UpTo) {
		this.tier2UpTo = tier2UpTo;
	}

	public BigDecimal getTier2Price() {
		return this.tier2Price;
	}

	public void setTier2Price(BigDecimal tier2Price) {
		this.tier2Price = tier2Price;
	}

	public BigDecimal getTier3UpTo() {
		return this.tier3UpTo;
	}

	public void setTier3UpTo(BigDecimal tier3UpTo) {
		this.tier3UpTo = tier3UpTo;
	}

	public BigDecimal getTier3Price() {
		return this.tier3Price;
	}

	public void setTier3Price(BigDecimal tier3Price) {
		this.tier3Price = tier3Price;
	}

	public BigDecimal getTierLastPrice() {
		return this.tierLastPrice;
	}

	public void setTierLastPrice(BigDecimal tierLastPrice) {
		this.tierLastPrice = tierLastPrice;
	}

	public String getCycle() {
		return this.cycle;
	}

	public void setCycle(String cycle) {
		this.cycle = cycle;
	}

	public Integer getDueDay() {
		return this.dueDay;
	}

	public void setDueDay(Integer dueDay) {
		this.dueDay = dueDay;
	}

	public Integer getDueDaysAfterIssue() {
		return this.dueDaysAfterIssue;
	}

	public void setDueDaysAfterIssue(Integer dueDaysAfterIssue) {
		this.dueDaysAfterIssue = dueDaysAfterIssue;
	}

	public String getAppliesTo() {
		return this.appliesTo;
	}

	public void setAppliesTo(String appliesTo) {
		this.appliesTo = appliesTo;
	}

	public java.util.List<Long> getBuildingIds() {
		return this.buildingIds;
	}

	public void setBuildingIds(java.util.List<Long> buildingIds) {
		this.buildingIds = buildingIds;
	}

	public java.util.List<String> getRoomTypes() {
		return this.roomTypes;
	}

	public void setRoomTypes(java.util.List<String> roomTypes) {
		this.roomTypes = roomTypes;
	}

	public boolean isLateFeeOn() {
		return this.lateFeeOn;
	}

	public void setLateFeeOn(boolean lateFeeOn) {
		this.lateFeeOn = lateFeeOn;
	}

	public BigDecimal getLateDailyRate() {
		return this.lateDailyRate;
	}

	public void setLateDailyRate(BigDecimal lateDailyRate) {
		this.lateDailyRate = lateDailyRate;
	}

	public Integer getLateGraceDays() {
		return this.lateGraceDays;
	}

	public void setLateGraceDays(Integer lateGraceDays) {
		this.lateGraceDays = lateGraceDays;
	}

	public boolean isLateCap() {
		return this.lateCap;
	}

	public void setLateCap(boolean lateCap) {
		this.lateCap = lateCap;
	}

	public String getEffectiveFrom() {
		return this.effectiveFrom;
	}

	public void setEffectiveFrom(String effectiveFrom) {
		this.effectiveFrom = effectiveFrom;
	}

	public String getEffectiveTo() {
		return this.effectiveTo;
	}

	public void setEffectiveTo(String effectiveTo) {
		this.effectiveTo = effectiveTo;
	}

}
