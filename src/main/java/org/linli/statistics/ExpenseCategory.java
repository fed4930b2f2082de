package org.linli.statistics;

/** What a community's money was spent on. */
public enum ExpenseCategory {

	/** 公共水电 */
	UTILITIES,
	/** 维修 */
	REPAIR,
	/** 绿化 */
	GREENING,
	/** 保洁 */
	CLEANING,
	/** 安保 */
	SECURITY,
	/** 人工 */
	LABOUR,
	/** 电梯维保 */
	ELEVATOR_MAINTENANCE,
	/** 其他 */
	OTHER

}
