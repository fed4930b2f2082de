package org.linli.estate.web;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.time.LocalDate;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.linli.estate.RoomStatus;
import org.linli.estate.RoomType;
import org.linli.estate.internal.BuildingCommand;
import org.linli.estate.internal.BuildingView;
import org.linli.estate.internal.CommunityCommand;
import org.linli.estate.internal.CommunityView;
import org.linli.estate.internal.EstateService;
import org.linli.estate.internal.ParkingCommand;
import org.linli.estate.internal.ParkingStatus;
import org.linli.estate.internal.ParkingType;
import org.linli.estate.internal.ParkingView;
import org.linli.estate.internal.RoomCommand;
import org.linli.estate.internal.RoomFilter;
import org.linli.estate.internal.RoomImport;
import org.linli.estate.internal.RoomService;
import org.linli.estate.internal.RoomView;
import org.linli.shared.PageQuery;
import org.linli.shared.PageView;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * The estate through the REST API: communities, buildings, units, rooms and parking
 * spaces. Lists answer one page at a time ({@code page}, {@code size}, {@code sort},
 * {@code dir}).
 */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Estate: communities, buildings, rooms, parking spaces")
class EstateApiController {

	private final EstateService estate;

	private final RoomService rooms;

	private final RoomImport roomImport;

	EstateApiController(EstateService estate, RoomService rooms, RoomImport roomImport) {
		this.estate = estate;
		this.rooms = rooms;
		this.roomImport = roomImport;
	}

	// communities

	@GetMapping("/communities")
	@Operation(summary = "The communities the caller works in")
	PageView<CommunityView> communities(@RequestParam(required = false) String name,
			@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "20") int size) {
		return this.estate.communities(name, page, size);
	}

	@PostMapping("/communities")
	@Operation(summary = "Create a community (admin)")
	ResponseEntity<CommunityView> createCommunity(@RequestBody CommunityRequest request) {
		CommunityView created = this.estate.createCommunity(request.command());
		return ResponseEntity.created(URI.create("/api/v1/communities/" + created.id())).body(created);
	}

	@GetMapping("/communities/{id}")
	CommunityView community(@PathVariable long id) {
		return this.estate.community(id);
	}

	@PutMapping("/communities/{id}")
	CommunityView updateCommunity(@PathVariable long id, @RequestBody CommunityRequest request) {
		return this.estate.updateCommunity(id, request.command());
	}

	// buildings and units

	@GetMapping("/communities/{id}/buildings")
	List<BuildingView> buildings(@PathVariable long id) {
		return this.estate.buildings(id);
	}

	@PostMapping("/communities/{id}/buildings")
	ResponseEntity<BuildingView> createBuilding(@PathVariable long id, @RequestBody BuildingRequest request) {
		BuildingView created = this.estate.createBuilding(id, request.command());
		return ResponseEntity.created(URI.create("/api/v1/buildings/" + created.id())).body(created);
	}

	@GetMapping("/buildings/{id}")
	BuildingView building(@PathVariable long id) {
		return this.estate.building(id);
	}

	@PutMapping("/buildings/{id}")
	BuildingView updateBuilding(@PathVariable long id, @RequestBody BuildingRequest request) {
		return this.estate.updateBuilding(id, request.command());
	}

	@PostMapping("/buildings/{id}/units")
	@Operation(summary = "Add a unit (entrance) to a building")
	ResponseEntity<BuildingView> addUnit(@PathVariable long id, @RequestBody UnitRequest request) {
		return ResponseEntity.status(HttpStatus.CREATED).body(this.estate.addUnit(id, request.name()));
	}

	// rooms

	@GetMapping("/buildings/{id}/rooms")
	PageView<RoomView> buildingRooms(@PathVariable long id, @RequestParam(required = false) String unit,
			@RequestParam(required = false) RoomStatus status, @RequestParam(required = false) RoomType type,
			@RequestParam(required = false) String number, @RequestParam(defaultValue = "0") int page,
			@RequestParam(defaultValue = "50") int size, @RequestParam(required = false) String sort,
			@RequestParam(required = false) String dir) {
		return this.rooms.pageInBuilding(id, new RoomFilter(id, unit, status, type, number),
				new PageQuery(page, size, sort, dir));
	}

	@PostMapping("/buildings/{id}/rooms")
	ResponseEntity<RoomView> createRoom(@PathVariable long id, @RequestBody RoomRequest request) {
		RoomView created = this.rooms.create(id, request.command());
		return ResponseEntity.created(URI.create("/api/v1/rooms/" + created.id())).body(created);
	}

	@GetMapping("/communities/{id}/rooms")
	@Operation(summary = "All rooms of a community, filtered by building, unit, status, type and number")
	PageView<RoomView> communityRooms(@PathVariable long id, @RequestParam(required = false) Long buildingId,
			@RequestParam(required = false) String unit, @RequestParam(required = false) RoomStatus status,
			@RequestParam(required = false) RoomType type, @RequestParam(required = false) String number,
			@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size,
			@RequestParam(required = false) String sort, @RequestParam(required = false) String dir) {
		return this.rooms.page(id, new RoomFilter(buildingId, unit, status, type, number),
				new PageQuery(page, size, sort, dir));
	}

	@PostMapping(path = "/communities/{id}/rooms/import", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
	@Operation(summary = "Import rooms from the .xlsx template: all rows or none; 400 lists each row's problems")
	ResponseEntity<RoomImport.ImportReport> importRooms(@PathVariable long id, @RequestPart("file") MultipartFile file)
			throws IOException {
		RoomImport.ImportReport report = this.roomImport.importRooms(id, file.getInputStream());
		return ResponseEntity.status(report.ok() ? HttpStatus.OK : HttpStatus.BAD_REQUEST).body(report);
	}

	@GetMapping("/rooms/{id}")
	RoomView room(@PathVariable long id) {
		return this.rooms.room(id);
	}

	@PutMapping("/rooms/{id}")
	RoomView updateRoom(@PathVariable long id, @RequestBody RoomRequest request) {
		return this.rooms.update(id, request.command());
	}

	// parking spaces

	@GetMapping("/communities/{id}/parking-spaces")
	PageView<ParkingView> parkingSpaces(@PathVariable long id, @RequestParam(required = false) String number,
			@RequestParam(required = false) ParkingStatus status, @RequestParam(defaultValue = "0") int page,
			@RequestParam(defaultValue = "50") int size) {
		return this.estate.parkingSpaces(id, number, status, page, size);
	}

	@PostMapping("/communities/{id}/parking-spaces")
	ResponseEntity<ParkingView> createParkingSpace(@PathVariable long id, @RequestBody ParkingRequest request) {
		ParkingView created = this.estate.createParkingSpace(id, request.command());
		return ResponseEntity.created(URI.create("/api/v1/parking-spaces/" + created.id())).body(created);
	}

	@GetMapping("/parking-spaces/{id}")
	ParkingView parkingSpace(@PathVariable long id) {
		return this.estate.parkingSpace(id);
	}

	@PutMapping("/parking-spaces/{id}")
	ParkingView updateParkingSpace(@PathVariable long id, @RequestBody ParkingRequest request) {
		return this.estate.updateParkingSpace(id, request.command());
	}

	record CommunityRequest(String name, String address, String companyName, String contactName, String contactPhone,
			String bankAccount) {

		CommunityCommand command() {
			return new CommunityCommand(this.name, this.address, this.companyName, this.contactName, this.contactPhone,
					this.bankAccount);
		}

	}

	record BuildingRequest(String name, Integer floors, Boolean hasElevator) {

		BuildingCommand command() {
			return new BuildingCommand(this.name, this.floors, Boolean.TRUE.equals(this.hasElevator));
		}

	}

	record UnitRequest(String name) {
	}

	record RoomRequest(String unit, Integer floor, String number, BigDecimal buildingArea, BigDecimal usableArea,
			RoomType type, RoomStatus status, LocalDate handoverDate) {

		RoomCommand command() {
			return new RoomCommand(this.unit, this.floor, this.number, this.buildingArea, this.usableArea, this.type,
					this.status, this.handoverDate);
		}

	}

	record ParkingRequest(String number, String location, ParkingType type, BigDecimal area, ParkingStatus status) {

		ParkingCommand command() {
			return new ParkingCommand(this.number, this.location, this.type, this.area, this.status);
		}

	}

}
