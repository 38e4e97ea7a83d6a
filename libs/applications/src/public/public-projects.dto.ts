import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, Matches, MaxLength } from 'class-validator';
import { ProgrammeYearQueryDto } from '@kiezfonds/funds';

export class PublicProjectsQueryDto extends ProgrammeYearQueryDto {
  @ApiPropertyOptional({
    example: 'spandau',
    description: "The district's short name; Berlin-wide when left out.",
    maxLength: 60,
  })
  @IsOptional()
  @MaxLength(60)
  @Matches(/^[a-z0-9]+(-[a-z0-9]+)*$/)
  district?: string;
}

class PublicDistrictDto {
  @ApiProperty({ example: 'spandau' }) slug: string;
  @ApiProperty({ example: 'Spandau' }) name: string;
}

export class PublicProjectDto {
  @ApiProperty({ example: 'NWF-SPA-2027-0001' }) reference: string;
  @ApiProperty() title: string;
  @ApiProperty({ description: 'The carrying organisation (Träger:in)' }) carrier: string;
  @ApiProperty({ type: PublicDistrictDto }) district: PublicDistrictDto;
  @ApiProperty({ enum: ['netzwerkfonds', 'aktionsfonds', 'projektfonds', 'baufonds'] }) fundKind: string;
  @ApiProperty({ example: 2027 }) programmeYear: number;
  @ApiProperty({ description: 'The grant of the notice, in cents', example: 6_500_000 }) amountCents: number;
  @ApiProperty({ format: 'date' }) periodStart: string;
  @ApiProperty({ format: 'date' }) periodEnd: string;
  @ApiProperty({ type: [String] }) areas: string[];
  @ApiProperty({ type: [String] }) actionFields: string[];
}

export class PublicProjectListDto {
  @ApiProperty({ type: [PublicProjectDto] }) projects: PublicProjectDto[];
}
