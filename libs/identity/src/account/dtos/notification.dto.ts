import { ApiProperty } from '@nestjs/swagger';

/** One in-app notification: the plain text of the notice, with the page it is about. */
export class NotificationDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ description: 'The notice kind of the catalogue (libs/domain, notifications)' })
  kind: string;

  @ApiProperty()
  subject: string;

  @ApiProperty()
  body: string;

  @ApiProperty({ type: String, nullable: true, description: 'The path of the page the notice is about' })
  link: string | null;

  @ApiProperty({ format: 'date-time' })
  createdAt: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  readAt: string | null;
}

export class NotificationPageDto {
  @ApiProperty({ type: [NotificationDto] })
  items: NotificationDto[];

  @ApiProperty()
  total: number;

  @ApiProperty({ description: 'Unread notifications of the caller, on all pages' })
  unread: number;
}
